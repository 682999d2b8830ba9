#include "transport/address_text.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <string>

namespace sipline::transport {
namespace {

// Four decimal octets 0..255 without leading zeros beyond "0" itself, as inet_pton wants.
std::optional<boost::asio::ip::address_v4> parseDottedQuad(std::string_view text) noexcept {
    boost::asio::ip::address_v4::bytes_type bytes{};
    const char *p = text.data();
    const char *const end = p + text.size();
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i) {
            if (p == end || *p != '.') return std::nullopt;
            ++p;
        }
        // One to three digits, unrolled: every forwarded message parses an address or two.
        auto digit = [&] { return p != end && *p >= '0' && *p <= '9'; };
        if (!digit()) return std::nullopt;
        unsigned value = unsigned(*p++ - '0');
        if (digit()) {
            if (value == 0) return std::nullopt; // "01": inet_pton refuses it too
            value = value * 10 + unsigned(*p++ - '0');
            if (digit()) value = value * 10 + unsigned(*p++ - '0');
        }
        if (value > 255) return std::nullopt;
        bytes[i] = static_cast<unsigned char>(value);
    }
    if (p != end) return std::nullopt;
    return boost::asio::ip::address_v4{bytes};
}

}  // namespace

AddressText::AddressText(const boost::asio::ip::address &address) noexcept {
    if (address.is_v4()) {
        const auto bytes = address.to_v4().to_bytes();
        char *out = text_;
        for (size_t i = 0; i < bytes.size(); ++i) {
            if (i) *out++ = '.';
            out = std::to_chars(out, text_ + sizeof text_, unsigned{bytes[i]}).ptr;
        }
        size_ = static_cast<uint8_t>(out - text_);
        return;
    }
    const auto bytes = address.to_v6().to_bytes();
    if (::inet_ntop(AF_INET6, bytes.data(), text_, sizeof text_)) size_ = static_cast<uint8_t>(std::strlen(text_));
}

std::optional<boost::asio::ip::address> parseAddress(std::string_view text) noexcept {
    if (auto v4 = parseDottedQuad(text)) return boost::asio::ip::address{*v4};
    if (text.find(':') == std::string_view::npos) return std::nullopt; // neither family
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(std::string{text}, ec);
    if (ec) return std::nullopt;
    return address;
}

}  // namespace sipline::transport
