#include "db_table.hpp"

#include <charconv>

namespace sipline::htable {
namespace {

bool usesExpires(const TableSpec &spec, const DbLayout &layout) noexcept {
    return layout.db_expires && spec.autoexpire > 0;
}

std::vector<std::string> standardColumns(const TableSpec &spec, const DbLayout &layout) {
    std::vector<std::string> columns{layout.columns.key_name, layout.columns.key_type, layout.columns.value_type,
                                     layout.columns.key_value};
    if (usesExpires(spec, layout)) columns.push_back(layout.columns.expires);
    return columns;
}

std::optional<int64_t> integer(const std::optional<std::string> &text) {
    if (!text) return std::nullopt;
    int64_t value = 0;
    const char *begin = text->data(), *end = text->data() + text->size();
    if (begin != end && *begin == '+') ++begin;
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (error != std::errc{} || stop != end || begin == end) return std::nullopt;
    return value;
}

class RowReader {
public:
    RowReader(const DbBackend &db, const TableSpec &spec) : db_{db}, spec_{spec} {}

    [[noreturn]] void fail(size_t row, const std::string &why) const {
        throw DbError{"table \"" + spec_.name + "\": " + db_.describe() + " " + spec_.dbtable + " row " +
                      std::to_string(row + 1) + " (in key order): " + why};
    }

    int64_t smallInteger(const DbRow &row, size_t index, size_t column, const char *name) const {
        if (!row[column]) return 0;
        const auto value = integer(row[column]);
        if (!value || *value < 0 || *value > 1) fail(index, std::string{name} + " must be 0 or 1, got \"" + *row[column] + "\"");
        return *value;
    }

private:
    const DbBackend &db_;
    const TableSpec &spec_;
};

// Kamailio's array rows: consecutive rows with the same name and key_type 1 become
// name[0..n-1], and name<suffix> holds n once the run of rows ends.
class ArrayNamer {
public:
    ArrayNamer(std::vector<Cell> &cells, std::string suffix) : cells_{cells}, suffix_{std::move(suffix)} {}

    std::string nameFor(const std::string &key, bool is_array, Seconds expire) {
        if (!is_array || key != current_) finish();
        if (!is_array) return key;
        if (count_ == 0) {
            current_ = key;
            expire_ = expire;
        }
        return key + "[" + std::to_string(count_++) + "]";
    }
    void finish() {
        if (count_ > 0) cells_.push_back(Cell{current_ + suffix_, int64_t{count_}, expire_, 0});
        count_ = 0;
        current_.clear();
    }

private:
    std::vector<Cell> &cells_;
    std::string suffix_;
    std::string current_;
    int64_t count_ = 0;
    Seconds expire_ = 0;
};

std::vector<Cell> packedCells(DbBackend &db, const TableSpec &spec, Seconds now) {
    const RowReader reader{db, spec};
    const Seconds expire = spec.autoexpire > 0 ? now + spec.autoexpire : 0;
    std::vector<Cell> cells;
    const auto rows = db.select(spec.dbtable, spec.cols);
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i][0]) reader.fail(i, "the key column " + spec.cols[0] + " is NULL");
        std::string packed;
        for (size_t c = 1; c < rows[i].size(); ++c) {
            if (c > 1) packed += spec.coldelim;
            packed += rows[i][c] ? *rows[i][c] : spec.colnull;
        }
        cells.push_back(Cell{*rows[i][0], std::move(packed), expire, 0});
    }
    return cells;
}

}  // namespace

std::vector<Cell> loadCells(DbBackend &db, const TableSpec &spec, const DbLayout &layout, Seconds now) {
    if (!spec.cols.empty()) return packedCells(db, spec, now);
    const RowReader reader{db, spec};
    const bool with_expires = usesExpires(spec, layout);
    const auto rows = db.select(spec.dbtable, standardColumns(spec, layout));
    std::vector<Cell> cells;
    cells.reserve(rows.size());
    ArrayNamer arrays{cells, layout.array_size_suffix};
    for (size_t i = 0; i < rows.size(); ++i) {
        const DbRow &row = rows[i];
        if (!row[0]) reader.fail(i, "the key column " + layout.columns.key_name + " is NULL");
        const bool is_array = reader.smallInteger(row, i, 1, "key_type") == 1;
        const bool is_integer = reader.smallInteger(row, i, 2, "value_type") == 1;
        Seconds expire = spec.autoexpire > 0 ? now + spec.autoexpire : 0;
        if (with_expires && row[4]) {
            const auto absolute = integer(row[4]);
            if (!absolute) reader.fail(i, "expires is not an integer: \"" + *row[4] + "\"");
            if (*absolute > 0 && *absolute < now) continue; // already expired: skipped, as Kamailio does
            if (*absolute > 0) expire = *absolute;
        }
        CellValue value = row[3] ? *row[3] : std::string{};
        if (is_integer) {
            const auto number = integer(row[3]);
            if (!number)
                reader.fail(i, "key \"" + *row[0] + "\" has value_type 1 but its value \"" + row[3].value_or("NULL") +
                                   "\" is not an integer");
            value = *number;
        }
        const std::string name = arrays.nameFor(*row[0], is_array, expire);
        cells.push_back(Cell{name, std::move(value), expire, 0});
    }
    arrays.finish();
    return cells;
}

void storeItems(DbBackend &db, const TableSpec &spec, const DbLayout &layout, const std::vector<Item> &items) {
    if (!spec.cols.empty())
        throw DbError{"table \"" + spec.name + "\" packs custom cols: it cannot be written back"};
    const bool with_expires = usesExpires(spec, layout);
    std::vector<std::vector<std::string>> rows;
    rows.reserve(items.size());
    for (const Item &item : items) {
        const auto *number = std::get_if<int64_t>(&item.value);
        std::vector<std::string> row{item.name, "0", number ? "1" : "0",
                                     number ? std::to_string(*number) : std::get<std::string>(item.value)};
        if (with_expires) row.push_back(std::to_string(item.expire));
        rows.push_back(std::move(row));
    }
    db.replaceRows(spec.dbtable, standardColumns(spec, layout), rows);
}

}  // namespace sipline::htable
