#include "pipeline/template.hpp"

#include <stdexcept>

namespace sipline::pipeline {
namespace {

// A '$' starts a variable only when a name follows: "^a$" and "cost: 5 $" are plain text.
bool startsVariable(std::string_view text, size_t i) noexcept {
    if (i + 1 >= text.size()) return false;
    const char c = text[i + 1];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

}  // namespace

bool hasVariables(std::string_view text) noexcept {
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '$') continue;
        if (i + 1 < text.size() && text[i + 1] == '$') {
            ++i;
            continue;
        }
        if (startsVariable(text, i)) return true;
    }
    return false;
}

Template Template::compile(std::string_view text, const plugins::SymbolTable *symbols) {
    Template out;
    out.source_ = std::string{text};
    std::string literal;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] != '$') {
            literal += text[i++];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '$') {
            literal += '$';
            i += 2;
            continue;
        }
        if (!startsVariable(text, i)) {
            literal += text[i++];
            continue;
        }
        std::string why;
        auto syntax = scanPv(text.substr(i), &why);
        if (!syntax) throw std::invalid_argument(why);
        if (!literal.empty()) out.segments_.push_back(Segment{std::move(literal), nullptr});
        literal.clear();
        out.segments_.push_back(Segment{{}, PvRef::resolve(*syntax, symbols)});
        i += syntax->length;
    }
    if (!literal.empty() || out.segments_.empty()) out.segments_.push_back(Segment{std::move(literal), nullptr});
    return out;
}

Value Template::evaluate(MessageContext &ctx) const {
    if (segments_.size() == 1) {
        const Segment &only = segments_.front();
        return only.pv ? only.pv->get(ctx) : Value::of(std::string_view{only.literal});
    }
    std::string text;
    for (const Segment &segment : segments_) {
        if (!segment.pv) {
            text += segment.literal;
            continue;
        }
        const Value v = segment.pv->get(ctx);
        if (v.kind == Value::Kind::Int) text += std::to_string(v.integer);
        else if (v.kind == Value::Kind::Str) text += v.text;
        else text += "<null>"; // Kamailio prints $null inside strings the same way
    }
    return Value::of(ctx.arena.copy(text));
}

}  // namespace sipline::pipeline
