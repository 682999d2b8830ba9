// A string with $variables inside ("Malformed SIP message from $si:$sp"), compiled once.
// A template that is exactly one variable evaluates to that variable's typed value.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/pvar.hpp"

namespace sipline::pipeline {

class Template {
public:
    // Throws std::invalid_argument naming the bad variable. "$$" is a literal '$'.
    static Template compile(std::string_view text, const plugins::SymbolTable *symbols);

    Value evaluate(MessageContext &ctx) const;
    bool isConstant() const noexcept { return segments_.size() <= 1 && (segments_.empty() || !segments_[0].pv); }
    const std::string &source() const noexcept { return source_; }

private:
    struct Segment {
        std::string literal;
        std::unique_ptr<PvRef> pv; // set: a variable; unset: the literal
    };
    std::string source_;
    std::vector<Segment> segments_;
};

// True when text contains a variable reference ('$' not doubled).
bool hasVariables(std::string_view text) noexcept;

}  // namespace sipline::pipeline
