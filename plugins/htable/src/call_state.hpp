// What prepare() keeps for one use of a $sht-like variable or of a script function: the
// table (resolved once when its name is constant) and the texts to evaluate per message.
#pragma once

#include <optional>
#include <vector>

#include "dynamic_text.hpp"
#include "hash_table.hpp"
#include "match.hpp"

namespace sipline::htable {

struct CallState {
    HashTable *table = nullptr;             // null when the table name holds variables
    std::optional<DynamicText> table_name;  // set when `table` is null
    std::vector<DynamicText> texts;         // the key, expression or other string arguments
    std::optional<Matcher> matcher;         // prebuilt when the expression is constant
    MatchOn on = MatchOn::Name;             // what a runtime-built matcher looks at
    OperatorSet operators = OperatorSet::Remove;
};

}  // namespace sipline::htable
