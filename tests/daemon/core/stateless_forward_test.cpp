#include "core/stateless_forward.hpp"

#include <gtest/gtest.h>

#include "core/next_hop.hpp"
#include "message_fixture.hpp"

namespace sipline::test {
namespace {

const transport::Endpoint kLocal{transport::Proto::Udp, boost::asio::ip::make_address("127.0.0.1"), 5060};

TEST(StatelessForward, BranchIsStableForRetransmissionsAndDiffersPerTransaction) {
    ParsedMessage a{invite()}, b{invite()};
    std::string other = invite();
    other.replace(other.find("z9hG4bKabc"), 10, "z9hG4bKxyz");
    ParsedMessage c{other};
    const std::string branch{core::statelessBranch(a.message(), "sip:bob@example.com").view()};
    EXPECT_EQ(branch.rfind("z9hG4bK", 0), 0u);
    EXPECT_EQ(branch.size(), 25u); // z9hG4bKsl and 16 hex digits
    EXPECT_EQ(branch, core::statelessBranch(b.message(), "sip:bob@example.com").view());
    EXPECT_NE(branch, core::statelessBranch(c.message(), "sip:bob@example.com").view());
}

TEST(StatelessForward, CancelGetsTheBranchOfItsInvite) {
    std::string cancel = invite();
    cancel.replace(0, 6, "CANCEL");
    cancel.replace(cancel.find("7 INVITE"), 8, "7 CANCEL");
    ParsedMessage i{invite()}, c{cancel};
    EXPECT_EQ(core::statelessBranch(i.message(), "sip:bob@example.com").view(),
              core::statelessBranch(c.message(), "sip:bob@example.com").view());
}

TEST(StatelessForward, RequestGetsOurViaOnTopAndReceivedRport) {
    ParsedMessage m{invite()};
    m.ctx().new_ruri = "sip:bob@10.1.1.1:5080";
    core::editForwardedRequest(m.ctx(), kLocal);
    const std::string out = m.ctx().edits.apply(m.message().bytes());
    EXPECT_EQ(out.rfind("INVITE sip:bob@10.1.1.1:5080 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsl", 0), 0u) << out;
    // The source matches the sent-by host, so only rport gets its value (RFC 3581).
    EXPECT_NE(out.find("Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKabc;rport=5070\r\n"), std::string::npos) << out;
}

TEST(StatelessForward, ReceivedIsAddedWhenTheSourceDiffersFromSentBy) {
    std::string text = invite();
    text.replace(text.find("192.0.2.10:5070"), 15, "pc.example.org");
    ParsedMessage m{text};
    core::editForwardedRequest(m.ctx(), kLocal);
    const std::string out = m.ctx().edits.apply(m.message().bytes());
    EXPECT_NE(out.find("Via: SIP/2.0/UDP pc.example.org;branch=z9hG4bKabc;rport=5070;received=192.0.2.10\r\n"),
              std::string::npos)
        << out;
}

TEST(StatelessForward, ReplyLosesOnlyTheTopViaParm) {
    const std::string reply = "SIP/2.0 200 OK\r\n"
                              "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsl1, SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKabc\r\n"
                              "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    ParsedMessage m{reply};
    EXPECT_TRUE(core::isOurVia(*m.message().topVia(), {kLocal}));
    core::editForwardedReply(m.ctx());
    EXPECT_EQ(m.ctx().edits.apply(m.message().bytes()),
              "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKabc\r\n"
              "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");

    const std::string two_fields = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsl1\r\n"
                                   "Via: SIP/2.0/TCP 192.0.2.10:5070;branch=z9hG4bKabc;received=192.0.2.99;rport=6000\r\n"
                                   "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    ParsedMessage n{two_fields};
    core::editForwardedReply(n.ctx());
    EXPECT_EQ(n.ctx().edits.apply(n.message().bytes()).find("127.0.0.1:5060"), std::string::npos);
    const auto hop = core::nextHopForVia((*n.message().vias())[1], nullptr);
    ASSERT_TRUE(hop);
    EXPECT_EQ(hop->host, "192.0.2.99");
    EXPECT_EQ(hop->port, 6000);
    EXPECT_EQ(hop->proto, transport::Proto::Tcp);
}

TEST(StatelessForward, ForeignViaIsNotOurs) {
    ParsedMessage m{invite()};
    EXPECT_FALSE(core::isOurVia(*m.message().topVia(), {kLocal}));
}

// Our Via is recognised by address and port: any spelling of the same IPv6 address, the
// default port when none is written; a host name, another port or address is not ours.
TEST(StatelessForward, OurViaIsFoundByAddressAndPort) {
    const transport::Endpoint v6{transport::Proto::Udp, boost::asio::ip::make_address("2001:db8::1"), 5060};
    const std::vector<transport::Endpoint> listen{kLocal, v6};
    auto isOurs = [&](std::string_view sent_by) {
        const std::string reply = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP " + std::string{sent_by} +
                                  ";branch=z9hG4bKsl1\r\nVia: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKabc\r\n"
                                  "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n"
                                  "Content-Length: 0\r\n\r\n";
        ParsedMessage m{reply};
        return core::isOurVia(*m.message().topVia(), listen);
    };
    EXPECT_TRUE(isOurs("127.0.0.1:5060"));
    EXPECT_TRUE(isOurs("127.0.0.1"));
    EXPECT_TRUE(isOurs("[2001:db8::1]:5060"));
    EXPECT_TRUE(isOurs("[2001:0db8:0000::0001]"));
    EXPECT_FALSE(isOurs("127.0.0.1:5062"));
    EXPECT_FALSE(isOurs("127.0.0.2:5060"));
    EXPECT_FALSE(isOurs("[2001:db8::2]:5060"));
    EXPECT_FALSE(isOurs("localhost:5060"));
}

TEST(NextHop, FromUris) {
    auto hop = core::nextHopForUri("sip:bob@[::1]:5080;transport=TCP", nullptr);
    ASSERT_TRUE(hop);
    EXPECT_EQ(hop->host, "::1");
    EXPECT_EQ(hop->port, 5080);
    EXPECT_EQ(hop->proto, transport::Proto::Tcp);
    hop = core::nextHopForUri("sip:example.com", nullptr);
    ASSERT_TRUE(hop);
    EXPECT_EQ(hop->port, 5060);
    std::string why;
    EXPECT_FALSE(core::nextHopForUri("sips:bob@example.com", &why));
    EXPECT_FALSE(core::nextHopForUri("sip:bob@example.com;transport=sctp", &why));
    EXPECT_NE(why.find("unsupported transport 'sctp'"), std::string::npos);
}

}  // namespace
}  // namespace sipline::test
