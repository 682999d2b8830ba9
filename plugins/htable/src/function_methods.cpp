// The script functions: htable.rm, rm_name_re, rm_value_re, rm_name, rm_value, setxs, setxi,
// reset, lock, unlock, match_name, match_str_value, is_null, inc, dec, print (Kamailio's
// sht_* names are aliases, declared in htable_plugin.cpp).
#include "htable_instance.hpp"

namespace sipline::htable {
namespace {

constexpr sipline_rc kUnknownTableForLock = -11; // Kamailio's sht_lock/sht_unlock code

std::string textOf(const sipline_value_t &value) {
    if (value.type == SIPLINE_VALUE_STR) return std::string{value.str.data ? value.str.data : "", value.str.len};
    if (value.type == SIPLINE_VALUE_INT) return std::to_string(value.integer);
    return {};
}

std::string describe(const CellValue &value) {
    if (const auto *number = std::get_if<int64_t>(&value)) return std::to_string(*number);
    return "\"" + std::get<std::string>(value) + "\"";
}

}  // namespace

// ---- prepare ------------------------------------------------------------------------------

CallState *HtablePlugin::newTableState(const sipline_value_t *args, uint32_t count, bool key_in_first) {
    auto state = std::make_unique<CallState>();
    if (key_in_first) {
        auto [name, key] = splitTableAndKey(textOf(args[0]));
        state->table = tables_->find(name);
        if (!state->table) throw sdk::ConfigError{"no table \"" + name + "\""};
        state->texts.push_back(DynamicText::compile(host().raw(), key));
        return state.release();
    }
    DynamicText name = DynamicText::compile(host().raw(), textOf(args[0]));
    if (name.isConstant()) {
        state->table = tables_->find(name.source());
        if (!state->table) throw sdk::ConfigError{"no table \"" + name.source() + "\""};
    } else {
        state->table_name = std::move(name);
    }
    // texts[i - 1] belongs to argument i; integer arguments are read from the call instead.
    for (uint32_t i = 1; i < count; ++i)
        state->texts.push_back(args[i].type == SIPLINE_VALUE_STR ? DynamicText::compile(host().raw(), textOf(args[i]))
                                                                 : DynamicText::constant({}));
    return state.release();
}

void *HtablePlugin::prepareTableKey(const sipline_value_t *args, uint32_t count) {
    return newTableState(args, count, true);
}

void *HtablePlugin::prepareTableRegex(const sipline_value_t *args, uint32_t count) {
    std::unique_ptr<CallState> state{newTableState(args, count, true)};
    if (state->texts[0].isConstant()) {
        std::string why;
        state->matcher = operatorMatcher("re", state->texts[0].source(), MatchOn::Name, OperatorSet::Remove, &why);
        if (!state->matcher) throw sdk::ConfigError{why};
    }
    return state.release();
}

void *HtablePlugin::prepareTableArgs(const sipline_value_t *args, uint32_t count) {
    return newTableState(args, count, false);
}

void *HtablePlugin::prepareOperator(const sipline_value_t *args, uint32_t count, MatchOn on, OperatorSet set) {
    std::unique_ptr<CallState> state{newTableState(args, count, false)};
    state->on = on;
    state->operators = set;
    if (state->texts[0].isConstant() && state->texts[1].isConstant()) {
        std::string why;
        state->matcher = operatorMatcher(state->texts[0].source(), state->texts[1].source(), on, set, &why);
        if (!state->matcher) throw sdk::ConfigError{why};
    }
    return state.release();
}

void *HtablePlugin::prepareRemoveByName(const sipline_value_t *args, uint32_t count) {
    return prepareOperator(args, count, MatchOn::Name, OperatorSet::Remove);
}
void *HtablePlugin::prepareRemoveByValue(const sipline_value_t *args, uint32_t count) {
    return prepareOperator(args, count, MatchOn::Value, OperatorSet::Remove);
}
void *HtablePlugin::prepareMatchName(const sipline_value_t *args, uint32_t count) {
    return prepareOperator(args, count, MatchOn::Name, OperatorSet::Match);
}
void *HtablePlugin::prepareMatchValue(const sipline_value_t *args, uint32_t count) {
    return prepareOperator(args, count, MatchOn::Value, OperatorSet::Match);
}

// ---- helpers ------------------------------------------------------------------------------

HashTable *HtablePlugin::tableFor(const CallState &state, sipline_msg_t *msg, sipline_run_t *run) const {
    if (state.table) return state.table;
    const auto name = state.table_name->evaluate(msg, run);
    HashTable *table = name ? tables_->find(*name) : nullptr;
    if (!table) host().error("no table \"" + name.value_or("") + "\"");
    return table;
}

std::optional<Matcher> HtablePlugin::matcherFor(const CallState &state, size_t op_index, MatchOn on,
                                                OperatorSet set, sipline_msg_t *msg, sipline_run_t *run) const {
    if (state.matcher) {
        Matcher matcher = *state.matcher;
        matcher.on = on;
        return matcher;
    }
    std::string why;
    std::optional<Matcher> matcher;
    if (op_index == 0) { // "t=>regexp"
        const auto pattern = state.texts[0].evaluate(msg, run);
        if (pattern) matcher = operatorMatcher("re", *pattern, on, set, &why);
    } else {
        const auto op = state.texts[0].evaluate(msg, run);
        const auto operand = state.texts[1].evaluate(msg, run);
        if (op && operand && !operand->empty()) matcher = operatorMatcher(*op, *operand, on, set, &why);
        else why = "empty value to match";
    }
    if (!matcher) host().error(why);
    return matcher;
}

// ---- functions ----------------------------------------------------------------------------

sipline_rc HtablePlugin::print(sdk::Call &) {
    const Seconds time = now();
    for (const HashTable *table : tables_->inOrder()) {
        host().error("htable " + kamailioForm(table->spec()));
        for (const SlotItems &slot : table->dump())
            for (const Item &item : slot.items)
                host().error("  [" + std::to_string(slot.index) + "] " + item.name + " = " + describe(item.value) +
                             (item.expire == 0 ? "" : " (expires in " + std::to_string(item.expire - time) + " s)"));
    }
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::remove(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    HashTable *table = tableFor(state, call.msg.raw(), call.run);
    if (!table) return SIPLINE_RC_FALSE;
    const auto key = state.texts[0].evaluate(call.msg.raw(), call.run);
    if (!key) return SIPLINE_RC_FALSE;
    table->remove(*key, now());
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::removeNameRegex(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    const auto matcher = matcherFor(state, 0, MatchOn::Name, OperatorSet::Remove, call.msg.raw(), call.run);
    if (!matcher) return SIPLINE_RC_FALSE;
    state.table->removeIf(*matcher);
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::removeValueRegex(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    const auto matcher = matcherFor(state, 0, MatchOn::Value, OperatorSet::Remove, call.msg.raw(), call.run);
    if (!matcher) return SIPLINE_RC_FALSE;
    state.table->removeIf(*matcher);
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::removeMatching(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    HashTable *table = tableFor(state, call.msg.raw(), call.run);
    if (!table) return SIPLINE_RC_FALSE;
    const auto matcher = matcherFor(state, 1, state.on, state.operators, call.msg.raw(), call.run);
    if (!matcher) return SIPLINE_RC_FALSE;
    table->removeIf(*matcher);
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::setStringWithExpiry(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    HashTable *table = tableFor(state, call.msg.raw(), call.run);
    if (!table) return SIPLINE_RC_FALSE;
    const auto key = state.texts[0].evaluate(call.msg.raw(), call.run);
    const auto value = state.texts[1].evaluate(call.msg.raw(), call.run);
    if (!key || !value) return SIPLINE_RC_FALSE;
    table->setWithLifetime(*key, *value, call.integer(3), now());
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::setIntegerWithExpiry(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    HashTable *table = tableFor(state, call.msg.raw(), call.run);
    if (!table || call.args[2].type != SIPLINE_VALUE_INT) return SIPLINE_RC_FALSE;
    const auto key = state.texts[0].evaluate(call.msg.raw(), call.run);
    if (!key) return SIPLINE_RC_FALSE;
    table->setWithLifetime(*key, call.args[2].integer, call.integer(3), now());
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::reset(sdk::Call &call) {
    HashTable *table = tableFor(*static_cast<const CallState *>(call.state), call.msg.raw(), call.run);
    if (!table) return SIPLINE_RC_FALSE;
    table->flush();
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::lockSlot(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    if (!state.table) return kUnknownTableForLock;
    const auto key = state.texts[0].evaluate(call.msg.raw(), call.run);
    if (!key) return SIPLINE_RC_FALSE;
    state.table->lockOf(*key).lock();
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::unlockSlot(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    if (!state.table) return kUnknownTableForLock;
    const auto key = state.texts[0].evaluate(call.msg.raw(), call.run);
    if (!key) return SIPLINE_RC_FALSE;
    if (!state.table->lockOf(*key).unlock()) {
        host().error("htable.unlock: the slot of \"" + *key + "\" in table \"" + state.table->spec().name +
                     "\" is not locked by this worker");
        return SIPLINE_RC_FALSE;
    }
    return SIPLINE_RC_TRUE;
}

sipline_rc HtablePlugin::matchAny(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    HashTable *table = tableFor(state, call.msg.raw(), call.run);
    if (!table) return SIPLINE_RC_ERROR;
    const auto matcher = matcherFor(state, 1, state.on, state.operators, call.msg.raw(), call.run);
    if (!matcher) return SIPLINE_RC_ERROR;
    return table->anyLive(*matcher, now()) ? SIPLINE_RC_TRUE : SIPLINE_RC_FALSE;
}

sipline_rc HtablePlugin::isNull(sdk::Call &call) {
    const auto &state = *static_cast<const CallState *>(call.state);
    HashTable *table = tableFor(state, call.msg.raw(), call.run);
    if (!table) return 2;
    const auto key = state.texts[0].evaluate(call.msg.raw(), call.run);
    if (!key) return 3;
    if (table->spec().initval) return -2; // never null: missing keys read as initval
    return table->get(*key, now()) ? -1 : 1;
}

sipline_rc HtablePlugin::addAndReport(sdk::Call &call, int64_t delta) {
    const auto &state = *static_cast<const CallState *>(call.state);
    HashTable *table = tableFor(state, call.msg.raw(), call.run);
    if (!table) return SIPLINE_RC_FALSE;
    const auto key = state.texts[0].evaluate(call.msg.raw(), call.run);
    if (!key) return SIPLINE_RC_FALSE;
    return table->add(*key, delta, now()) ? SIPLINE_RC_TRUE : SIPLINE_RC_FALSE;
}

sipline_rc HtablePlugin::increment(sdk::Call &call) { return addAndReport(call, 1); }
sipline_rc HtablePlugin::decrement(sdk::Call &call) { return addAndReport(call, -1); }

}  // namespace sipline::htable
