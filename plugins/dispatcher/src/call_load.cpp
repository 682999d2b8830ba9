#include "call_load.hpp"

namespace sipline::dispatcher {

int CallLoad::load(int setid, std::string_view duid) const {
    std::lock_guard lock{mutex_};
    const auto it = loads_.find(std::pair{setid, std::string{duid}});
    return it == loads_.end() ? 0 : it->second;
}

bool CallLoad::contains(std::string_view call_id) const {
    std::lock_guard lock{mutex_};
    return calls_.count(std::string{call_id}) > 0;
}

bool CallLoad::add(std::string_view call_id, int setid, std::string_view duid, Clock::time_point now) {
    std::lock_guard lock{mutex_};
    const auto [it, added] = calls_.try_emplace(std::string{call_id}, Entry{setid, std::string{duid}, false,
                                                                             now + expire_, now + init_expire_});
    if (added) ++loads_[{setid, std::string{duid}}];
    return added;
}

bool CallLoad::move(std::string_view call_id, int setid, std::string_view duid) {
    std::lock_guard lock{mutex_};
    const auto it = calls_.find(std::string{call_id});
    if (it == calls_.end()) return false;
    release(it->second);
    it->second.setid = setid;
    it->second.duid = std::string{duid};
    ++loads_[{setid, it->second.duid}];
    return true;
}

bool CallLoad::confirm(std::string_view call_id) {
    std::lock_guard lock{mutex_};
    const auto it = calls_.find(std::string{call_id});
    if (it == calls_.end()) return false;
    it->second.confirmed = true;
    return true;
}

bool CallLoad::remove(std::string_view call_id) {
    std::lock_guard lock{mutex_};
    const auto it = calls_.find(std::string{call_id});
    if (it == calls_.end()) return false;
    release(it->second);
    calls_.erase(it);
    return true;
}

size_t CallLoad::expire(Clock::time_point now) {
    std::lock_guard lock{mutex_};
    size_t dropped = 0;
    for (auto it = calls_.begin(); it != calls_.end();) {
        const Entry &e = it->second;
        if (now >= e.expire || (!e.confirmed && now >= e.init_expire)) {
            release(e);
            it = calls_.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
    return dropped;
}

size_t CallLoad::size() const {
    std::lock_guard lock{mutex_};
    return calls_.size();
}

void CallLoad::release(const Entry &entry) {
    const auto it = loads_.find(std::pair{entry.setid, entry.duid});
    if (it == loads_.end()) return;
    if (--it->second <= 0) loads_.erase(it);
}

}  // namespace sipline::dispatcher
