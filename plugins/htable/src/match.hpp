// The ways scripts select items by name or by value: $shtcn/$shtcv expressions (~~re, ~%x,
// %~x, ==x, eqN, **), htable.rm_name/rm_value operators (re, sw, ew, in) and
// htable.match_name/match_str_value operators (eq, ne, re, sw).
#pragma once

#include <regex.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "hash_table.hpp"

namespace sipline::htable {

// A compiled POSIX extended regular expression, case-insensitive as Kamailio compiles them.
class Regex {
public:
    // nullptr with *why when the pattern does not compile.
    static std::unique_ptr<Regex> compile(const std::string &pattern, std::string *why);
    ~Regex();
    Regex(const Regex &) = delete;
    Regex &operator=(const Regex &) = delete;
    bool search(const std::string &text) const noexcept; // regexec is thread-safe

private:
    Regex() = default;
    regex_t compiled_{};
    bool compiled_ok_ = false;
};

// What an item is matched on.
enum class MatchOn { Name, Value };

enum class MatchOp {
    Regex,      // ~~re, plain text, "re"
    EndsWith,   // ~%x, "ew"
    StartsWith, // %~x, "sw"
    Equals,     // ==x, "eq"
    NotEquals,  // "ne"
    Contains,   // "in"
    IntEquals,  // eqN: integer values equal to N
    All,        // **: every item, expired ones included
};

struct Matcher {
    MatchOn on = MatchOn::Name;
    MatchOp op = MatchOp::Regex;
    std::string operand;
    int64_t number = 0;           // IntEquals
    std::shared_ptr<Regex> regex; // Regex

    bool operator()(const Cell &cell) const;
};

// $shtcn(t=>expr) / $shtcv(t=>expr). nullopt with *why for a bad regex or eqN.
std::optional<Matcher> countMatcher(std::string_view expression, MatchOn on, std::string *why);

// An operator word and its operand: "re"/"sw"/"ew"/"in" for removal, plus "eq"/"ne" for
// matching. nullopt with *why for an unknown operator or a bad regex.
enum class OperatorSet { Remove, Match };
std::optional<Matcher> operatorMatcher(std::string_view op, std::string_view operand, MatchOn on,
                                       OperatorSet set, std::string *why);

}  // namespace sipline::htable
