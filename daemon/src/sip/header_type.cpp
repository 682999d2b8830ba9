// Header name lookup: full names and RFC 3261 7.3.3 compact forms, case-insensitively.
#include "header_type.hpp"

#include <array>

namespace sipline::sip {
namespace {

struct KnownHeader {
    HeaderType type;
    std::string_view name;
    char compact;  // '\0' when the header has no compact form
};

// Indexed by HeaderType, so canonicalName() is a plain lookup.
constexpr std::array<KnownHeader, static_cast<size_t>(HeaderType::Count_)> kKnownHeaders{{
    {HeaderType::Other, "", '\0'},
    {HeaderType::Via, "Via", 'v'},
    {HeaderType::From, "From", 'f'},
    {HeaderType::To, "To", 't'},
    {HeaderType::CallId, "Call-ID", 'i'},
    {HeaderType::CSeq, "CSeq", '\0'},
    {HeaderType::ContentLength, "Content-Length", 'l'},
    {HeaderType::ContentType, "Content-Type", 'c'},
    {HeaderType::ContentEncoding, "Content-Encoding", 'e'},
    {HeaderType::MaxForwards, "Max-Forwards", '\0'},
    {HeaderType::Contact, "Contact", 'm'},
    {HeaderType::Route, "Route", '\0'},
    {HeaderType::RecordRoute, "Record-Route", '\0'},
    {HeaderType::Expires, "Expires", '\0'},
    {HeaderType::ProxyRequire, "Proxy-Require", '\0'},
    {HeaderType::Require, "Require", '\0'},
    {HeaderType::Supported, "Supported", 'k'},
    {HeaderType::Unsupported, "Unsupported", '\0'},
    {HeaderType::Subject, "Subject", 's'},
    {HeaderType::Authorization, "Authorization", '\0'},
    {HeaderType::ProxyAuthorization, "Proxy-Authorization", '\0'},
    {HeaderType::UserAgent, "User-Agent", '\0'},
    {HeaderType::Server, "Server", '\0'},
    {HeaderType::Allow, "Allow", '\0'},
    {HeaderType::Event, "Event", 'o'},
    {HeaderType::ReferTo, "Refer-To", 'r'},
}};

static_assert([] {
    for (size_t i = 0; i < kKnownHeaders.size(); ++i)
        if (static_cast<size_t>(kKnownHeaders[i].type) != i) return false;
    return true;
}(), "kKnownHeaders must be in HeaderType order");

constexpr char lowerAscii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

}  // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
    return true;
}

HeaderType headerTypeOf(std::string_view name) noexcept {
    if (name.size() == 1) {
        const char compact = lowerAscii(name[0]);
        for (const KnownHeader &known : kKnownHeaders)
            if (known.compact != '\0' && known.compact == compact) return known.type;
        return HeaderType::Other;
    }
    for (size_t i = 1; i < kKnownHeaders.size(); ++i)
        if (equalsIgnoreCase(kKnownHeaders[i].name, name)) return kKnownHeaders[i].type;
    return HeaderType::Other;
}

std::string_view canonicalName(HeaderType type) noexcept {
    const auto index = static_cast<size_t>(type);
    return index < kKnownHeaders.size() ? kKnownHeaders[index].name : std::string_view{};
}

}  // namespace sipline::sip
