#include "run_state.hpp"

#include <cstring>
#include <new>

namespace sipline::dispatcher {

RunState *existingRunState(const sipline_host_t *host, sipline_run_t *run) {
    if (!SIPLINE_HOST_HAS(host, run_slot) || run == nullptr) return nullptr;
    void **slot = host->run_slot(host, run);
    return slot ? static_cast<RunState *>(*slot) : nullptr;
}

RunState *runState(const sipline_host_t *host, sipline_run_t *run) {
    if (!SIPLINE_HOST_HAS(host, run_slot) || run == nullptr) return nullptr;
    void **slot = host->run_slot(host, run);
    if (!slot) return nullptr;
    if (*slot == nullptr) {
        void *memory = host->run_alloc(run, sizeof(RunState));
        if (!memory) return nullptr;
        *slot = new (memory) RunState{};
    }
    return static_cast<RunState *>(*slot);
}

sipline_str_t runCopy(const sipline_host_t *host, sipline_run_t *run, std::string_view text) {
    if (text.empty()) return {};
    char *copy = static_cast<char *>(host->run_alloc(run, text.size()));
    if (!copy) return {};
    std::memcpy(copy, text.data(), text.size());
    return {copy, text.size()};
}

}  // namespace sipline::dispatcher
