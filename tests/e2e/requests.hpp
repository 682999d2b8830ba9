// Hand-written requests for end-to-end tests, with the fields every request needs.
#pragma once

#include <string>

namespace sipline::test {

struct RequestSpec {
    std::string method = "OPTIONS";
    std::string ruri;              // e.g. "sip:127.0.0.1:5060"
    std::string transport = "UDP";
    unsigned local_port = 0;       // our sent-by port
    std::string branch = "z9hG4bK-test-1";
    std::string call_id = "call-1@test";
    unsigned cseq = 1;
    std::string to_tag;            // empty: none
    std::string max_forwards = "70"; // empty: no header
    std::string extra_headers;     // complete lines with CRLF
};

inline std::string request(const RequestSpec &r) {
    std::string m = r.method + " " + r.ruri + " SIP/2.0\r\n";
    m += "Via: SIP/2.0/" + r.transport + " 127.0.0.1:" + std::to_string(r.local_port) + ";branch=" + r.branch + "\r\n";
    if (!r.max_forwards.empty()) m += "Max-Forwards: " + r.max_forwards + "\r\n";
    m += "From: <sip:alice@127.0.0.1>;tag=from-1\r\n";
    m += "To: <" + r.ruri + ">" + (r.to_tag.empty() ? "" : ";tag=" + r.to_tag) + "\r\n";
    m += "Call-ID: " + r.call_id + "\r\n";
    m += "CSeq: " + std::to_string(r.cseq) + " " + r.method + "\r\n";
    m += r.extra_headers;
    m += "Content-Length: 0\r\n\r\n";
    return m;
}

}  // namespace sipline::test
