// A change published by some node (through the scripts in replication_scripts.hpp), read
// back from its JSON form. Values and expiry times travel as text so 64-bit integers stay exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cell.hpp"

namespace sipline::htable {

enum class WireOp : uint8_t { Set, Delete, Lifetime, Flush };

struct WireMessage {
    int64_t seq = 0;
    std::string node;
    WireOp op = WireOp::Set;
    std::string key;
    CellValue value;
    Seconds expire = 0;
    uint64_t increment = 0; // the publishing node's id of the increment this set is the result of; 0: none
};

// nullopt, with the reason in *why, for a message that is not one of ours or is malformed.
std::optional<WireMessage> parseWireMessage(std::string_view text, std::string *why);

// A value as stored in the :v and :t hashes ("i" integer, "s" string); nullopt when an
// integer's text is not a number.
std::optional<CellValue> cellValueOf(std::string_view type, std::string_view text);
// The other way: the type tag and the text.
std::pair<std::string, std::string> storedForm(const CellValue &value);

}  // namespace sipline::htable
