// $sht(t=>k), $shtex(t=>k), $shtcn(t=>expr), $shtcv(t=>expr), $shtinc(t=>k), $shtdec(t=>k).
#include <charconv>
#include <cstring>

#include "htable_instance.hpp"

namespace sipline::htable {
namespace {

bool countsValues(PvarKind kind) noexcept { return kind == PvarKind::ShtCv; }
bool counts(PvarKind kind) noexcept { return kind == PvarKind::ShtCn || kind == PvarKind::ShtCv; }

std::string tableNames(const TableSet &tables) {
    std::string out;
    for (const HashTable *table : tables.inOrder()) out += (out.empty() ? "" : ", ") + table->spec().name;
    return out.empty() ? "none" : out;
}

sipline_value_t integerValue(int64_t number) noexcept {
    return {.type = SIPLINE_VALUE_INT, .reserved = 0, .integer = number, .str = {}};
}

sipline_value_t nullValue() noexcept { return {.type = SIPLINE_VALUE_NULL, .reserved = 0, .integer = 0, .str = {}}; }

// A string for the pipeline must outlive this call: it goes into the run's memory.
sipline_value_t stringValue(const sipline_host_t *host, sipline_run_t *run, const std::string &text) {
    char *copy = static_cast<char *>(host->run_alloc(run, text.size()));
    if (!copy) return nullValue();
    std::memcpy(copy, text.data(), text.size());
    return {.type = SIPLINE_VALUE_STR, .reserved = 0, .integer = 0, .str = {copy, text.size()}};
}

std::optional<int64_t> integerOf(const sipline_value_t &value) noexcept {
    if (value.type == SIPLINE_VALUE_INT) return value.integer;
    if (value.type != SIPLINE_VALUE_STR || value.str.len == 0) return std::nullopt;
    int64_t number = 0;
    const auto [end, error] = std::from_chars(value.str.data, value.str.data + value.str.len, number);
    if (error != std::errc{} || end != value.str.data + value.str.len) return std::nullopt;
    return number;
}

}  // namespace

CallState *HtablePlugin::preparePvar(PvarKind kind, std::string_view argument) const {
    auto [name, key] = splitTableAndKey(argument);
    auto state = std::make_unique<CallState>();
    state->table = tables_->find(name);
    if (!state->table)
        throw sdk::ConfigError{"no table \"" + name + "\" (defined: " + tableNames(*tables_) + ")"};
    if (key.empty()) throw sdk::ConfigError{"\"" + std::string{argument} + "\" has no key after =>"};
    state->texts.push_back(DynamicText::compile(host().raw(), key));
    if (counts(kind)) {
        state->on = countsValues(kind) ? MatchOn::Value : MatchOn::Name;
        if (state->texts[0].isConstant()) {
            std::string why;
            state->matcher = countMatcher(state->texts[0].source(), state->on, &why);
            if (!state->matcher) throw sdk::ConfigError{why};
        }
    }
    return state.release();
}

sipline_rc HtablePlugin::getPvar(PvarKind kind, const CallState &state, sipline_msg_t *msg, sipline_run_t *run,
                                 sipline_value_t *out) const {
    HashTable &table = *state.table;
    const auto text = state.texts[0].evaluate(msg, run);
    if (!text) return SIPLINE_RC_ERROR;
    const Seconds time = now();
    switch (kind) {
    case PvarKind::Sht: {
        const auto value = table.get(*text, time);
        if (!value) *out = table.spec().initval ? integerValue(*table.spec().initval) : nullValue();
        else if (const auto *number = std::get_if<int64_t>(&*value)) *out = integerValue(*number);
        else *out = stringValue(host().raw(), run, std::get<std::string>(*value));
        return SIPLINE_RC_TRUE;
    }
    case PvarKind::ShtEx:
        *out = integerValue(table.lifetimeLeft(*text, time).value_or(0));
        return SIPLINE_RC_TRUE;
    case PvarKind::ShtCn:
    case PvarKind::ShtCv: {
        std::optional<Matcher> built;
        const Matcher *matcher = state.matcher ? &*state.matcher : nullptr;
        if (!matcher) {
            std::string why;
            built = countMatcher(*text, state.on, &why);
            if (!built) {
                host().error("$shtcn/$shtcv: " + why);
                return SIPLINE_RC_ERROR;
            }
            matcher = &*built;
        }
        const size_t count = matcher->op == MatchOp::All ? table.countAll() : table.countIf(*matcher, time);
        *out = integerValue(static_cast<int64_t>(count));
        return SIPLINE_RC_TRUE;
    }
    case PvarKind::ShtInc:
    case PvarKind::ShtDec: {
        const auto value = table.add(*text, kind == PvarKind::ShtInc ? 1 : -1, time);
        *out = value ? integerValue(*value) : nullValue();
        return SIPLINE_RC_TRUE;
    }
    }
    return SIPLINE_RC_ERROR;
}

sipline_rc HtablePlugin::setPvar(PvarKind kind, const CallState &state, sipline_msg_t *msg, sipline_run_t *run,
                                 const sipline_value_t &value) const {
    HashTable &table = *state.table;
    const auto key = state.texts[0].evaluate(msg, run);
    if (!key) return SIPLINE_RC_ERROR;
    const Seconds time = now();
    if (kind == PvarKind::ShtEx) {
        // 0 or a non-integer: never expires; ignored on tables without autoexpire (Kamailio).
        table.setLifetime(*key, integerOf(value).value_or(0), time);
        return SIPLINE_RC_TRUE;
    }
    if (kind != PvarKind::Sht) return SIPLINE_RC_ERROR;
    switch (value.type) {
    case SIPLINE_VALUE_NULL: table.remove(*key, time); return SIPLINE_RC_TRUE;
    case SIPLINE_VALUE_INT: table.set(*key, value.integer, time); return SIPLINE_RC_TRUE;
    case SIPLINE_VALUE_STR:
        table.set(*key, std::string{value.str.data ? value.str.data : "", value.str.len}, time);
        return SIPLINE_RC_TRUE;
    default: return SIPLINE_RC_ERROR;
    }
}

}  // namespace sipline::htable
