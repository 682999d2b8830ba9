// Building sets for tests from list text, with IP-literal destinations only (no DNS).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "list_file.hpp"
#include "selection.hpp"
#include "snapshot_builder.hpp"

namespace dispatcher_test {

inline std::shared_ptr<sipline::dispatcher::Snapshot> snapshotOf(const std::string &list_text) {
    const auto parsed = sipline::dispatcher::parseListText(list_text, "test.list");
    EXPECT_EQ(parsed.error, "");
    auto built = sipline::dispatcher::buildSnapshot(parsed.rows, {}, [](const std::string &) {
        return std::vector<std::string>{"203.0.113.9"};
    });
    EXPECT_EQ(built.error, "");
    return built.snapshot;
}

// "1 sip:10.0.0.1\n1 sip:10.0.0.2\n..." for n destinations of set 1 (optional attrs each).
inline std::string listOf(int n, const std::string &attrs = "") {
    std::string text;
    for (int i = 1; i <= n; ++i)
        text += "1 sip:10.0.0." + std::to_string(i) + ":5060 0 0 " + (attrs.empty() ? "x=1" : attrs) + "\n";
    return text;
}

// How often each URI is picked over `rounds` selections; key_of(i) gives the hash input.
template <class KeyOf>
std::map<std::string, int> spread(sipline::dispatcher::DestinationSet &set, sipline::dispatcher::SelectRequest request,
                                  int rounds, KeyOf key_of) {
    std::map<std::string, int> counts;
    for (int i = 0; i < rounds; ++i) {
        request.key = key_of(i);
        const auto s = sipline::dispatcher::selectDestinations(set, request);
        if (s.rc > 0) ++counts[set.dests[s.order.front()]->uri];
    }
    return counts;
}

inline std::optional<sipline::dispatcher::HashKey> callIdKey(int i) {
    return sipline::dispatcher::HashKey{"call-" + std::to_string(i * 7919) + "@198.51.100.7", {}};
}

}  // namespace dispatcher_test
