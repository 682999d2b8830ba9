// What one message's run remembers (Kamailio's _dsdst_/_dsctx_ XAVPs and the is_from_list
// match): plain structs in the run's memory, copied there so a reload mid-run cannot free them.
// The run's memory is released without destructors, so everything here is trivially
// destructible.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

#include <sipline/sdk.h>

namespace sipline::dispatcher {

struct RunRecord {
    sipline_str_t uri;
    int32_t grp;      // set id
    int32_t dstidx;   // index in the set's array
    sipline_str_t attrs;
    sipline_str_t duid;   // alg 10's dstid
    sipline_str_t socket;
};

struct RunState {
    RunRecord *records = nullptr; // records[current..count) are the ones left
    uint32_t count = 0;
    uint32_t current = 0;
    int64_t selected = 0;         // $dsctx(cnt): records made by the last select
    int32_t alg = -1;             // the algorithm of the last select (10 moves call load)
    int32_t dsg_set = 1;          // ds_dsg_fetch
    bool matched = false;         // is_from_list found one
    int32_t match_set = 0;
    sipline_str_t match_attrs{};
    sipline_str_t match_uri{};

    const RunRecord *front() const noexcept { return current < count ? &records[current] : nullptr; }
    uint32_t left() const noexcept { return current < count ? count - current : 0; }
};
static_assert(std::is_trivially_destructible_v<RunState>);
static_assert(std::is_trivially_destructible_v<RunRecord>);

// This plugin's state for the run, made on first use; nullptr only when memory ran out.
RunState *runState(const sipline_host_t *host, sipline_run_t *run);
// The state if a function made one earlier in this run; nullptr otherwise.
RunState *existingRunState(const sipline_host_t *host, sipline_run_t *run);
// A copy of text in the run's memory.
sipline_str_t runCopy(const sipline_host_t *host, sipline_run_t *run, std::string_view text);

}  // namespace sipline::dispatcher
