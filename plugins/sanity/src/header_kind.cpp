#include "header_kind.hpp"

#include "sip_chars.hpp"

namespace sipline::sanity {
namespace {

struct NamedKind {
    std::string_view name;
    HeaderKind kind;
};

constexpr NamedKind kNames[] = {
    {"via", HeaderKind::Via},
    {"v", HeaderKind::Via},
    {"from", HeaderKind::From},
    {"f", HeaderKind::From},
    {"to", HeaderKind::To},
    {"t", HeaderKind::To},
    {"call-id", HeaderKind::CallId},
    {"i", HeaderKind::CallId},
    {"cseq", HeaderKind::CSeq},
    {"content-length", HeaderKind::ContentLength},
    {"l", HeaderKind::ContentLength},
    {"contact", HeaderKind::Contact},
    {"m", HeaderKind::Contact},
    {"expires", HeaderKind::Expires},
    {"proxy-require", HeaderKind::ProxyRequire},
    {"authorization", HeaderKind::Authorization},
    {"proxy-authorization", HeaderKind::ProxyAuthorization},
    {"route", HeaderKind::Route},
    {"record-route", HeaderKind::RecordRoute},
    {"path", HeaderKind::Path},
    {"p-asserted-identity", HeaderKind::PAssertedIdentity},
    {"retry-after", HeaderKind::RetryAfter},
};

}  // namespace

HeaderKind headerKindOf(std::string_view name) noexcept {
    if (name.empty()) return HeaderKind::Other;
    // Runs for every header of every message: the first letter rules out most names at once.
    const char first = char(name[0] | 0x20); // ASCII letters only match lower-case names
    for (const NamedKind &entry : kNames)
        if (entry.name.size() == name.size() && entry.name[0] == first && equalsIgnoreCase(name, entry.name))
            return entry.kind;
    return HeaderKind::Other;
}

}  // namespace sipline::sanity
