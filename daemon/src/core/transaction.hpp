// One stateful relay (RFC 3261 16 and 17): the server transaction toward the requester and the
// client branches toward the next hops, with the timers that drive them. Shared between the
// worker that relayed the request, the workers that receive its replies, and the timer tick:
// every member is guarded by `mutex` (recursive, so a failure route can relay again).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sip/message.hpp"
#include "transport/receive_info.hpp"
#include "util/arena.hpp"

namespace sipline::pipeline {
struct Route;
}

namespace sipline::core {

using Clock = std::chrono::steady_clock;

struct ClientBranch {
    std::string id;            // our Via branch: z9hG4bKst<transaction id>.<index>
    std::string request;       // the bytes sent, our Via on top
    transport::Endpoint local; // sent from
    transport::Endpoint to;
    int code = 0;              // highest status received (0: none yet; 408 when it timed out)
    bool final = false;
    bool cancelled = false;    // to be cancelled: upstream CANCELed, or another branch won
    bool cancel_sent = false;  // our CANCEL is on the wire (only once it rang: RFC 3261 9.1)
    std::string reply;         // its final reply, kept to be chosen as the best one
    Clock::time_point next_retransmit = Clock::time_point::max();
    std::chrono::milliseconds interval{0};
    Clock::time_point deadline = Clock::time_point::max(); // fr_timer / fr_inv_timer
};

struct Transaction {
    std::recursive_mutex mutex;
    std::string id;  // 16 hex digits, unique
    std::string key; // how retransmissions, the ACK and the CANCEL of the request find it
    bool invite = false;

    // The request as the request route left it (R-URI rewritten, received/rport added), before
    // our Via; failure routes run on it. `parsed` views `request`.
    std::string request;
    sip::Message parsed;
    transport::ReceiveInfo rx;
    std::string to_tag; // for replies we generate ourselves

    // What the request route's run leaves to the failure route: its scratch memory, which the
    // plugins' per-message slots point into, and the slots themselves.
    std::unique_ptr<util::Arena> arena;
    std::vector<std::pair<const void *, void *>> plugin_slots;
    const pipeline::Route *failure_route = nullptr;
    const pipeline::Route *reply_route = nullptr; // on_reply:NAME, after [[route.reply]]
    std::chrono::milliseconds fr_timer{0}, fr_inv_timer{0};

    std::vector<ClientBranch> branches;

    std::string last_upstream; // the last reply sent to the requester, resent on retransmission
    int upstream_code = 0;
    bool cancelled = false;    // the requester CANCELed: no failure route runs any more
    bool finished = false;     // a final reply went upstream
    bool acked = false;        // the ACK for our non-2xx final arrived
    Clock::time_point next_upstream_retransmit = Clock::time_point::max(); // Timer G
    std::chrono::milliseconds upstream_interval{0};
    Clock::time_point give_up_ack = Clock::time_point::max();               // Timer H
    Clock::time_point expires = Clock::time_point::max(); // removed from the table then

    // The earliest moment a timer of this transaction fires.
    Clock::time_point nextDue() const {
        Clock::time_point due = std::min({next_upstream_retransmit, give_up_ack, expires});
        for (const auto &b : branches)
            if (!b.final) due = std::min({due, b.next_retransmit, b.deadline});
        return due;
    }
};

}  // namespace sipline::core
