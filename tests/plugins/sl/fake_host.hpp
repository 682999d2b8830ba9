// A host table over plain structs, so sl runs without the daemon: a request to read (compact
// header names matched as the daemon does), the replies it sends, flags, the destination set,
// the core's last error, the listen address and RPC answers.
#pragma once

#include <cctype>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sipline/sdk.h>

namespace sl_test {

struct Header {
    std::string name;  // as written in the request, possibly compact ("v", "f", "t", "i")
    std::string value; // trimmed, as the daemon's msg_header returns it
};

struct FakeMessage {
    explicit FakeMessage(std::string request_method, std::vector<Header> received = {})
        : method{std::move(request_method)}, headers{std::move(received)} {}

    std::string method;
    std::vector<Header> headers;
    bool is_request = true;
    uint32_t flags = 0;
    std::vector<std::string> destinations;
    bool refuse_send = false;
    std::vector<std::string> sent; // every msg_send_reply, as bytes

    sipline_msg_t *handle() { return reinterpret_cast<sipline_msg_t *>(this); }
};

struct FakeRun {
    sipline_core_error last_error = SIPLINE_CORE_ERROR_NONE;
    sipline_run_t *handle() { return reinterpret_cast<sipline_run_t *>(this); }
};

struct FakeRpcReply {
    std::optional<std::string> result;
    std::optional<std::pair<int32_t, std::string>> fault;
    sipline_rpc_reply_t *handle() { return reinterpret_cast<sipline_rpc_reply_t *>(this); }
};

class FakeHost {
public:
    // An empty address means the daemon listens nowhere (listen_address finds nothing).
    explicit FakeHost(std::string listen_address = "192.0.2.10", uint16_t listen_port = 5060)
        : address_{std::move(listen_address)}, port_{listen_port} {
        table_.struct_size = sizeof(table_);
        table_.abi = SIPLINE_ABI_VERSION_INIT;
        table_.host_data = this;
        table_.log = &log;
        table_.msg_is_request = &isRequest;
        table_.msg_method = &method;
        table_.msg_header = &header;
        table_.msg_flags = &flags;
        table_.msg_set_flags = &setFlags;
        table_.msg_send_reply = &sendReply;
        table_.msg_destination = &destination;
        table_.run_last_error = &lastError;
        table_.rpc_result = &rpcResult;
        table_.rpc_fault = &rpcFault;
        table_.listen_address = &listenAddress;
    }
    FakeHost(const FakeHost &) = delete;
    FakeHost &operator=(const FakeHost &) = delete;

    const sipline_host_t *table() const { return &table_; }
    const std::vector<std::string> &logs() const { return logs_; }

private:
    static FakeMessage &message(const sipline_msg_t *msg) {
        return *reinterpret_cast<FakeMessage *>(const_cast<sipline_msg_t *>(msg));
    }
    static sipline_str_t str(const std::string &s) { return {s.data(), s.size()}; }
    static std::string lowered(std::string_view s) {
        std::string out;
        for (const char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return out;
    }
    // The full name for a compact one (RFC 3261 7.3.3), lower-cased.
    static std::string canonical(std::string_view name) {
        const std::string lower = lowered(name);
        if (lower == "v") return "via";
        if (lower == "f") return "from";
        if (lower == "t") return "to";
        if (lower == "i") return "call-id";
        if (lower == "m") return "contact";
        if (lower == "l") return "content-length";
        return lower;
    }

    static void log(const sipline_host_t *host, sipline_log_level, sipline_str_t line) {
        static_cast<FakeHost *>(host->host_data)->logs_.emplace_back(line.data, line.len);
    }
    static int32_t isRequest(const sipline_msg_t *msg) { return message(msg).is_request ? 1 : 0; }
    static sipline_str_t method(const sipline_msg_t *msg) { return str(message(msg).method); }
    static int32_t header(const sipline_msg_t *msg, sipline_str_t name, uint32_t nth,
                          sipline_str_t *value) {
        const std::string wanted = canonical({name.data, name.len});
        for (const Header &h : message(msg).headers) {
            if (canonical(h.name) != wanted) continue;
            if (nth-- > 0) continue;
            *value = str(h.value);
            return 1;
        }
        return 0;
    }
    static uint32_t flags(const sipline_msg_t *msg) { return message(msg).flags; }
    static void setFlags(sipline_msg_t *msg, uint32_t set, uint32_t clear) {
        message(msg).flags = (message(msg).flags | set) & ~clear;
    }
    static sipline_status sendReply(sipline_msg_t *msg, sipline_str_t bytes) {
        if (message(msg).refuse_send) return SIPLINE_E_RUNTIME;
        message(msg).sent.emplace_back(bytes.data, bytes.len);
        return SIPLINE_OK;
    }
    static int32_t destination(const sipline_msg_t *msg, uint32_t index, sipline_str_t *uri) {
        const auto &all = message(msg).destinations;
        if (index >= all.size()) return 0;
        *uri = str(all[index]);
        return 1;
    }
    static sipline_core_error lastError(const sipline_run_t *run) {
        return reinterpret_cast<const FakeRun *>(run)->last_error;
    }
    static void rpcResult(sipline_rpc_reply_t *reply, sipline_str_t json) {
        reinterpret_cast<FakeRpcReply *>(reply)->result = std::string{json.data, json.len};
    }
    static void rpcFault(sipline_rpc_reply_t *reply, int32_t code, sipline_str_t text) {
        reinterpret_cast<FakeRpcReply *>(reply)->fault = std::pair{code, std::string{text.data, text.len}};
    }
    static int32_t listenAddress(const sipline_host_t *host, uint32_t index,
                                 sipline_endpoint_t *out) {
        const auto *self = static_cast<const FakeHost *>(host->host_data);
        if (index != 0 || self->address_.empty()) return 0;
        out->proto = SIPLINE_PROTO_UDP;
        std::strncpy(out->address, self->address_.c_str(), sizeof(out->address) - 1);
        out->port = self->port_;
        return 1;
    }

    sipline_host_t table_{};
    std::vector<std::string> logs_;
    std::string address_;
    uint16_t port_;
};

}  // namespace sl_test
