// The sipp scenario the end-to-end tests load a daemon with: one OPTIONS per call, from
// sip:<user>@ (so logs and bans tell the clients apart), and what counts as answered.
#pragma once

#include <string>
#include <string_view>

namespace sipline::test {

// Each call must be answered 200.
inline constexpr std::string_view kAnswered200 = R"(<recv response="200"/>)";
// 200 or 403: a banned source is answered too.
inline constexpr std::string_view kAnswered200Or403 =
    R"(<recv response="200" optional="true" next="done"/>
  <recv response="403"/>
  <label id="done"/>)";

inline std::string sippOptionsScenario(std::string_view from_user, std::string_view answers = kAnswered200) {
    std::string xml = R"(<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="options">
  <send>
    <![CDATA[
      OPTIONS sip:ping@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      Max-Forwards: 70
      From: <sip:@USER@@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:ping@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 OPTIONS
      Content-Length: 0

    ]]>
  </send>
  @ANSWERS@
</scenario>
)";
    xml.replace(xml.find("@USER@"), 6, from_user);
    xml.replace(xml.find("@ANSWERS@"), 9, answers);
    return xml;
}

}  // namespace sipline::test
