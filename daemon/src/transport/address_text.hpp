// IP addresses to and from text on the per-message path. inet_ntop formats IPv4 through
// sprintf and make_address goes through inet_pton for both families; a relayed message needs
// both several times, so IPv4 (the common case) is done by hand and IPv6 falls back to libc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>

namespace sipline::transport {

// The text of an address, without brackets, in a buffer of its own (no allocation).
class AddressText {
public:
    explicit AddressText(const boost::asio::ip::address &address) noexcept;
    std::string_view view() const noexcept { return {text_, size_}; }

private:
    char text_[64];
    uint8_t size_ = 0;
};

// Appends the address as the host of a SIP URI or Via sent-by (RFC 3261 25.1): IPv6 in
// brackets, IPv4 as it is. `out`: a std::string or a fixed-capacity string on the stack.
template <class Text> void appendHostText(Text &out, const boost::asio::ip::address &address) {
    const AddressText text{address};
    if (address.is_v6()) out.append("[").append(text.view()).append("]");
    else out.append(text.view());
}

// A dotted-quad IPv4 or an IPv6 literal (without brackets); nullopt for anything else.
std::optional<boost::asio::ip::address> parseAddress(std::string_view text) noexcept;

}  // namespace sipline::transport
