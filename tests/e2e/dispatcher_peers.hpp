// The far side of the dispatcher's end-to-end tests: sipp UAS media servers that answer calls
// and keepalives (-aa answers out-of-dialog OPTIONS 200), can be killed and started again on
// the same port, and tell how many calls reached them (distinct Call-IDs of INVITEs in their
// message trace, so a retransmitted INVITE is not counted twice).
#pragma once

#include <signal.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "daemon_process.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

namespace sipline::test {

class SippUas {
public:
    SippUas(uint16_t port, const TempDir &dir) : port_{port}, dir_{dir} { start(); }

    uint16_t port() const noexcept { return port_; }
    std::string uri() const { return "sip:127.0.0.1:" + std::to_string(port_); }

    // A new sipp process on the same port; each run traces into its own file.
    void start() {
        const std::string base = "uas-" + std::to_string(port_) + "-" + std::to_string(runs_.size());
        traces_.push_back(dir_.file(base + ".msg").string());
        runs_.push_back(std::make_unique<Process>(
            std::vector<std::string>{"sipp", "-sn", "uas", "-aa", "-i", "127.0.0.1", "-p", std::to_string(port_),
                                     "-nostdin", "-trace_msg", "-message_file", traces_.back(), "-timeout", "100s"},
            dir_.file(base + ".out").string()));
        std::this_thread::sleep_for(std::chrono::milliseconds{300}); // sipp binds before it answers
    }

    // Dies at once, as a crashed media server: its port answers nothing any more.
    void kill() { runs_.back()->stop(SIGKILL, std::chrono::seconds{2}); }

    bool running() { return !runs_.empty() && runs_.back()->running(); }

    // Calls that reached this server over all its runs.
    size_t calls() const {
        std::set<std::string> call_ids;
        for (const auto &trace : traces_) {
            std::istringstream in{readFile(trace)}; // empty while the file does not exist
            bool in_invite = false;
            for (std::string line; std::getline(in, line);) {
                if (line.rfind("INVITE ", 0) == 0) in_invite = true;
                else if (line.rfind("-----", 0) == 0) in_invite = false;
                else if (in_invite && line.rfind("Call-ID:", 0) == 0) call_ids.insert(line.substr(8));
            }
        }
        return call_ids.size();
    }

private:
    uint16_t port_;
    const TempDir &dir_;
    std::vector<std::string> traces_;
    std::vector<std::unique_ptr<Process>> runs_;
};

// sipp's built-in UAC sends ACK and BYE to the R-URI it started with (the proxy itself). This
// one does what a UA behind an outbound proxy does: the in-dialog requests name the UAS's
// Contact ([next_url]) and still go through the proxy, which forwards them by R-URI.
constexpr const char *kUacScenario = R"xml(<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="uac through the dispatcher">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
To: [service] <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: sip:sipp@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="200" rrs="true"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
  <pause/>
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
To: [service] <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
  <recv response="200" crlf="true"/>
</scenario>
)xml";

// The sipp UAC command for `calls` INVITE calls to the proxy at 127.0.0.1:proxy_port: INVITE,
// ACK, a short pause, BYE. Bounded: 20 calls per second, 30 s at most.
inline std::vector<std::string> sippCallsCommand(const TempDir &dir, uint16_t proxy_port, int calls) {
    const auto scenario = dir.write("uac.xml", kUacScenario);
    return {"sipp", "-sf", scenario.string(), "127.0.0.1:" + std::to_string(proxy_port), "-i", "127.0.0.1", "-p",
            std::to_string(freePort()), "-m", std::to_string(calls), "-r", "20", "-nostdin", "-timeout", "30s",
            "-timeout_error", "-d", "50"};
}

inline RunResult sippCalls(const TempDir &dir, uint16_t proxy_port, int calls) {
    return run(sippCallsCommand(dir, proxy_port, calls), std::chrono::seconds{40});
}

}  // namespace sipline::test
