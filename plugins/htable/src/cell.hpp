// One item of a table: its name, its value (an integer or a string) and when it expires.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "cell_name.hpp"

namespace sipline::htable {

// Seconds since the epoch, as Kamailio stores expiry (time_t).
using Seconds = int64_t;

using CellValue = std::variant<int64_t, std::string>;

inline bool isInteger(const CellValue &value) noexcept {
    return std::holds_alternative<int64_t>(value);
}

struct Cell {
    CellName name;
    CellValue value;
    Seconds expire = 0; // 0: never; otherwise the item is gone once now > expire
    uint32_t hash = 0;  // of the name, case-insensitive; kept to skip most comparisons
};

// A copy of a cell handed out of the table, so no caller ever holds a pointer into a slot.
struct Item {
    std::string name;
    CellValue value;
    Seconds expire = 0;
};

}  // namespace sipline::htable
