// A view of the message being processed. Costs two pointers; copies nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "../host.h"
#include "strings.hpp"

namespace sipline::sdk {

class Message {
public:
    Message(const sipline_host_t *host, sipline_msg_t *msg) noexcept : host_{host}, msg_{msg} {}

    sipline_msg_t *raw() const noexcept { return msg_; }
    std::string_view bytes() const noexcept { return view(host_->msg_raw(msg_)); }
    bool isRequest() const noexcept { return host_->msg_is_request(msg_) > 0; }
    std::string_view method() const noexcept { return view(host_->msg_method(msg_)); }
    int status() const noexcept { return host_->msg_status(msg_); }
    std::string_view requestUri() const noexcept { return view(host_->msg_ruri(msg_)); }
    std::string_view body() const noexcept { return view(host_->msg_body(msg_)); }

    std::optional<std::string_view> header(std::string_view name, uint32_t nth = 0) const noexcept {
        sipline_str_t value{};
        if (host_->msg_header(msg_, str(name), nth, &value) <= 0) return std::nullopt;
        return view(value);
    }

    // The daemon's split of the header fields (ABI 1.1): fills at most `capacity` of `out`,
    // returns how many fields there are; nullopt from a daemon without the service, where
    // the plugin splits bytes() itself.
    std::optional<uint32_t> headerFields(sipline_header_field_t *out, uint32_t capacity) const noexcept {
        if (!SIPLINE_HOST_HAS(host_, msg_header_fields)) return std::nullopt;
        return host_->msg_header_fields(msg_, out, capacity);
    }

    bool addHeader(std::string_view name, std::string_view value) const noexcept {
        return host_->msg_add_header(msg_, str(name), str(value)) == SIPLINE_OK;
    }
    bool setHeader(std::string_view name, uint32_t nth, std::string_view value) const noexcept {
        return host_->msg_set_header(msg_, str(name), nth, str(value)) == SIPLINE_OK;
    }
    bool removeHeader(std::string_view name, uint32_t nth = 0) const noexcept {
        return host_->msg_remove_header(msg_, str(name), nth) == SIPLINE_OK;
    }

    uint32_t flags() const noexcept { return host_->msg_flags(msg_); }
    void setFlags(uint32_t set, uint32_t clear = 0) const noexcept {
        host_->msg_set_flags(msg_, set, clear);
    }

    bool sendReply(std::string_view bytes) const noexcept {
        return host_->msg_send_reply(msg_, str(bytes)) == SIPLINE_OK;
    }
    std::optional<std::string_view> destination(uint32_t index) const noexcept {
        sipline_str_t uri{};
        if (host_->msg_destination(msg_, index, &uri) <= 0) return std::nullopt;
        return view(uri);
    }
    // $du and the R-URI. False when the daemon predates these services (ABI 1.0 has them).
    // One more parallel branch for the next relay (append_branch).
    bool appendBranch(std::string_view uri) const noexcept {
        return SIPLINE_HOST_HAS(host_, msg_append_branch) && host_->msg_append_branch(msg_, str(uri)) == SIPLINE_OK;
    }
    bool setDstUri(std::string_view uri) const noexcept {
        return SIPLINE_HOST_HAS(host_, msg_set_dst_uri) && host_->msg_set_dst_uri(msg_, str(uri)) == SIPLINE_OK;
    }
    std::string_view dstUri() const noexcept {
        return SIPLINE_HOST_HAS(host_, msg_dst_uri) ? view(host_->msg_dst_uri(msg_)) : std::string_view{};
    }
    bool setRequestUri(std::string_view uri) const noexcept {
        return SIPLINE_HOST_HAS(host_, msg_set_ruri) && host_->msg_set_ruri(msg_, str(uri)) == SIPLINE_OK;
    }
    sipline_endpoint_t source() const noexcept {
        sipline_endpoint_t source{}, local{};
        source.struct_size = local.struct_size = sizeof(sipline_endpoint_t);
        host_->msg_source(msg_, &source, &local);
        return source;
    }
    sipline_endpoint_t local() const noexcept {
        sipline_endpoint_t source{}, local{};
        source.struct_size = local.struct_size = sizeof(sipline_endpoint_t);
        host_->msg_source(msg_, &source, &local);
        return local;
    }

private:
    const sipline_host_t *host_;
    sipline_msg_t *msg_;
};

}  // namespace sipline::sdk
