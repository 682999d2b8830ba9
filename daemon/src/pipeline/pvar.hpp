// Pseudo-variables ($rm, $ru, $si, $hdr(Name), $var(x), plugin ones like $sht(t=>k)), resolved
// once when the config is compiled, so a message run never looks a name up.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/message_context.hpp"
#include "pipeline/value.hpp"
#include "plugins/symbols.hpp"
#include "sip/header_type.hpp"

namespace sipline::pipeline {

enum class PvKind : uint8_t {
    Null, Method, Ruri, RuriUser, RuriDomain, RuriPort, Status, Reason,
    FromUri, FromUser, FromDomain, FromTag, FromName, ToUri, ToUser, ToDomain, ToTag, ToName,
    CallId, CSeqNumber, UserAgent, Contact, Header, HeaderCount,
    SourceIp, SourcePort, LocalIp, LocalPort, Proto,
    DstUri, RetCode, Var, MessageLength, Body, Timestamp, Plugin,
    TReplyCode, TFrTimer, TFrInvTimer,
};

// The text of one variable reference: "$name" or "$name(argument)".
struct PvSyntax {
    std::string_view name;
    std::string_view argument; // between the parentheses, nested ones allowed
    bool has_argument = false;
    size_t length = 0;         // bytes consumed from the '$'
};

// Scans the variable that starts at text[0] == '$'. nullopt (with *why) when malformed.
std::optional<PvSyntax> scanPv(std::string_view text, std::string *why);

class PvRef {
public:
    // Resolves a scanned variable. Throws std::invalid_argument with the reason when the name
    // is unknown, the argument is missing or bad, or a plugin refuses it.
    static std::unique_ptr<PvRef> resolve(const PvSyntax &syntax, const plugins::SymbolTable *symbols);

    ~PvRef();
    PvRef(const PvRef &) = delete;
    PvRef &operator=(const PvRef &) = delete;

    Value get(MessageContext &ctx) const;
    // False when not writable or the value cannot be stored.
    bool set(MessageContext &ctx, const Value &value) const;
    bool writable() const noexcept;
    const std::string &text() const noexcept { return text_; } // "$hdr(Via)" for messages

private:
    PvRef() = default;
    PvKind kind_ = PvKind::Null;
    std::string text_;
    std::string argument_;
    sip::HeaderType header_ = sip::HeaderType::Other;
    const plugins::BoundPvar *plugin_ = nullptr;
    void *plugin_state_ = nullptr;
};

// Conversions to and from the ABI's value type. Strings are not copied.
sipline_value_t toAbi(const Value &value) noexcept;
Value fromAbi(const sipline_value_t &value) noexcept;

}  // namespace sipline::pipeline
