// Item names: up to 23 bytes inside the item, longer ones on the heap; both must behave as
// the std::string they replaced, through the table too.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cell_name.hpp"
#include "hash_table.hpp"

namespace {

using sipline::htable::CellName;
using sipline::htable::CellValue;
using sipline::htable::HashTable;
using sipline::htable::TableSpec;

// Lengths on both sides of the inline limit, the empty name and a long one.
const std::vector<std::string> kNames = {"", "a", std::string(22, 'x'), std::string(23, 'y'),
                                         std::string(24, 'z'), std::string(300, 'w')};

TEST(CellName, KeepsEveryLengthExactly) {
    for (const std::string &text : kNames) {
        const CellName name{text};
        EXPECT_EQ(name.view(), text);
        EXPECT_EQ(name.str(), text);
        EXPECT_TRUE(name == text);
    }
}

TEST(CellName, CopiesAndMovesKeepTheTextAndLeaveTheSourceEmpty) {
    for (const std::string &text : kNames) {
        CellName original{text};
        CellName copy{original};
        EXPECT_EQ(copy.view(), text);
        CellName moved{std::move(original)};
        EXPECT_EQ(moved.view(), text);
        EXPECT_EQ(original.view(), ""); // NOLINT: a moved-from name is empty, by design
        CellName assigned{"something else entirely, long enough for the heap"};
        assigned = copy;
        EXPECT_EQ(assigned.view(), text);
        assigned = CellName{"short"};
        EXPECT_EQ(assigned.view(), "short");
    }
}

TEST(CellName, LongAndShortKeysLiveSideBySideInATable) {
    TableSpec spec;
    spec.name = "t";
    spec.size = 1; // two slots: every key shares a slot with others
    spec.slots = 2;
    HashTable table{spec};
    for (size_t i = 0; i < kNames.size(); ++i) table.set(kNames[i], CellValue{int64_t(i)}, 0);
    for (size_t i = 0; i < kNames.size(); ++i) {
        const auto value = table.get(kNames[i], 0);
        ASSERT_TRUE(value.has_value()) << kNames[i].size() << " bytes";
        EXPECT_EQ(std::get<int64_t>(*value), int64_t(i));
    }
    EXPECT_TRUE(table.remove(std::string(300, 'w'), 0));
    EXPECT_FALSE(table.get(std::string(300, 'w'), 0).has_value());
    EXPECT_EQ(table.countAll(), kNames.size() - 1);
}

}  // namespace
