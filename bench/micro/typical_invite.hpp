// The request the micro-benchmarks work on: an INVITE as a softphone sends it through a proxy
// (two Vias, Record-Route, a Contact with parameters, an SDP body), about 900 bytes.
#pragma once

#include <string>

namespace sipline::bench {

inline std::string typicalInvite() {
    const std::string sdp =
        "v=0\r\n"
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
        "s=-\r\n"
        "c=IN IP4 192.0.2.10\r\n"
        "t=0 0\r\n"
        "m=audio 49170 RTP/AVP 0 8 101\r\n"
        "a=rtpmap:0 PCMU/8000\r\n"
        "a=rtpmap:8 PCMA/8000\r\n"
        "a=rtpmap:101 telephone-event/8000\r\n";
    return "INVITE sip:bob@example.com SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n"
           "Via: SIP/2.0/UDP 198.51.100.4:5060;branch=z9hG4bK-524287-1---a8d2;received=198.51.100.4\r\n"
           "Max-Forwards: 70\r\n"
           "Record-Route: <sip:198.51.100.4;lr;ftag=1928301774>\r\n"
           "From: \"Alice\" <sip:alice@example.org>;tag=1928301774\r\n"
           "To: <sip:bob@example.com>\r\n"
           "Call-ID: a84b4c76e66710@pc33.example.org\r\n"
           "CSeq: 314159 INVITE\r\n"
           "Contact: <sip:alice@192.0.2.10:5060;transport=udp>;expires=3600\r\n"
           "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY\r\n"
           "Supported: replaces, timer\r\n"
           "User-Agent: softphone/4.2\r\n"
           "Content-Type: application/sdp\r\n"
           "Content-Length: " + std::to_string(sdp.size()) + "\r\n"
           "\r\n" + sdp;
}

}  // namespace sipline::bench
