// A host table over plain structs, so maxfwd runs without the daemon: headers to read, the
// edits it records, its log lines and its RPC answers.
#pragma once

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

namespace maxfwd_test {

struct Header {
    std::string name;
    std::string value; // trimmed, as the daemon's msg_header returns it
    bool operator==(const Header &) const = default;
};

struct FakeMessage {
    explicit FakeMessage(std::vector<Header> received = {}) : headers{std::move(received)} {}

    std::vector<Header> headers;
    std::vector<Header> added;      // msg_add_header calls
    std::vector<Header> set;        // msg_set_header calls (nth is always 0 for maxfwd)
    bool refuse_edits = false;

    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }
};

struct FakeRpcReply {
    std::optional<std::string> result;
    std::optional<std::pair<int32_t, std::string>> fault;

    sipline_rpc_reply_t *handle() { return reinterpret_cast<sipline_rpc_reply_t *>(this); }
};

class FakeHost {
public:
    FakeHost() {
        table_.struct_size = sizeof(table_);
        table_.abi = SIPLINE_ABI_VERSION_INIT;
        table_.host_data = this;
        table_.log = &log;
        table_.msg_header = &header;
        table_.msg_add_header = &addHeader;
        table_.msg_set_header = &setHeader;
        table_.rpc_result = &rpcResult;
        table_.rpc_fault = &rpcFault;
    }
    FakeHost(const FakeHost &) = delete;
    FakeHost &operator=(const FakeHost &) = delete;

    const sipline_host_t *table() const { return &table_; }
    const std::vector<std::string> &logs() const { return logs_; }

private:
    static FakeMessage &message(const sipline_msg_t *msg) {
        return *reinterpret_cast<FakeMessage *>(const_cast<sipline_msg_t *>(msg));
    }
    static std::string text(sipline_str_t s) { return {s.data, s.len}; }
    static bool sameName(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(a[i])) !=
                std::tolower(static_cast<unsigned char>(b[i])))
                return false;
        return true;
    }

    static void log(const sipline_host_t *host, sipline_log_level, sipline_str_t line) {
        static_cast<FakeHost *>(host->host_data)->logs_.push_back(text(line));
    }
    static int32_t header(const sipline_msg_t *msg, sipline_str_t name, uint32_t nth,
                          sipline_str_t *value) {
        for (const Header &h : message(msg).headers) {
            if (!sameName(h.name, {name.data, name.len})) continue;
            if (nth-- > 0) continue;
            *value = {h.value.data(), h.value.size()};
            return 1;
        }
        return 0;
    }
    static sipline_status addHeader(sipline_msg_t *msg, sipline_str_t name, sipline_str_t value) {
        if (message(msg).refuse_edits) return SIPLINE_E_RUNTIME;
        message(msg).added.push_back({text(name), text(value)});
        return SIPLINE_OK;
    }
    static sipline_status setHeader(sipline_msg_t *msg, sipline_str_t name, uint32_t nth,
                                    sipline_str_t value) {
        if (message(msg).refuse_edits || nth != 0) return SIPLINE_E_RUNTIME;
        message(msg).set.push_back({text(name), text(value)});
        return SIPLINE_OK;
    }
    static void rpcResult(sipline_rpc_reply_t *reply, sipline_str_t json) {
        reinterpret_cast<FakeRpcReply *>(reply)->result = text(json);
    }
    static void rpcFault(sipline_rpc_reply_t *reply, int32_t code, sipline_str_t message) {
        reinterpret_cast<FakeRpcReply *>(reply)->fault = std::pair{code, text(message)};
    }

    sipline_host_t table_{};
    std::vector<std::string> logs_;
};

}  // namespace maxfwd_test
