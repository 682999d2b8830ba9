// The condition language of `if` steps:
//   $rm == "OPTIONS" && !($hdr(To) =~ "tag=") || $retcode < 0
// Operators: == != =~ !~ < <= > >= && || ! and parentheses; operands: variables, "strings"
// (which may contain variables), integers. Compiled once; evaluated per message.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/message_context.hpp"
#include "plugins/symbols.hpp"

namespace sipline::pipeline {

class ConditionNode;

class Condition {
public:
    // Throws std::invalid_argument with a reason that names the column of the problem.
    static Condition compile(std::string_view text, const plugins::SymbolTable *symbols);

    Condition(Condition &&) noexcept;
    Condition &operator=(Condition &&) noexcept;
    ~Condition();

    bool evaluate(MessageContext &ctx) const;
    const std::string &source() const noexcept { return source_; }

private:
    Condition() = default;
    std::string source_;
    std::unique_ptr<ConditionNode> root_;
};

}  // namespace sipline::pipeline
