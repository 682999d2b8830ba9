// The binary layout of boundary structs is the contract: an accidental reorder or resize
// must fail here, not in a third party's plugin.
#include <cstddef>

#include <gtest/gtest.h>
#include <sipline/sdk.h>

TEST(AbiLayout, ScalarsHaveFixedSizes) {
    EXPECT_EQ(sizeof(sipline_str_t), 16u);
    EXPECT_EQ(sizeof(sipline_value_t), 32u);
    EXPECT_EQ(offsetof(sipline_value_t, integer), 8u);
    EXPECT_EQ(offsetof(sipline_value_t, str), 16u);
    EXPECT_EQ(sizeof(sipline_abi_version_t), 4u);
    EXPECT_EQ(sizeof(sipline_endpoint_t), 76u);
}

TEST(AbiLayout, BoundaryStructsStartWithTheirSize) {
    EXPECT_EQ(offsetof(sipline_plugin_t, struct_size), 0u);
    EXPECT_EQ(offsetof(sipline_plugin_t, abi), 4u);
    EXPECT_EQ(offsetof(sipline_host_t, struct_size), 0u);
    EXPECT_EQ(offsetof(sipline_param_t, struct_size), 0u);
    EXPECT_EQ(offsetof(sipline_function_t, struct_size), 0u);
    EXPECT_EQ(offsetof(sipline_hook_t, struct_size), 0u);
    EXPECT_EQ(offsetof(sipline_pvar_t, struct_size), 0u);
    EXPECT_EQ(offsetof(sipline_rpc_method_t, struct_size), 0u);
    EXPECT_EQ(offsetof(sipline_diag_t, struct_size), 0u);
}

// ABI 1.0 sizes. Appending a member grows them (bump the minor and add a test line);
// changing one of these numbers otherwise is a breaking change.
TEST(AbiLayout, Version1_0Sizes) {
    EXPECT_EQ(sizeof(sipline_param_t), 56u);
    EXPECT_EQ(sizeof(sipline_function_t), 96u);
    EXPECT_EQ(sizeof(sipline_hook_t), 24u);
    EXPECT_EQ(sizeof(sipline_pvar_t), 64u);
    EXPECT_EQ(sizeof(sipline_rpc_method_t), 40u);
    EXPECT_EQ(sizeof(sipline_plugin_t), 160u);
    EXPECT_EQ(offsetof(sipline_host_t, msg_header_fields), 288u); // sizeof in 1.0
    EXPECT_EQ(sizeof(sipline_request_t), 128u);
}

// 1.1 appended one member to the host table, after every 1.0 member: a 1.0 plugin's view of
// the table is unchanged.
TEST(AbiLayout, Version1_1AppendsOnly) {
    EXPECT_EQ(offsetof(sipline_host_t, msg_header_fields), 288u); // the 1.0 table's size
    EXPECT_EQ(sizeof(sipline_host_t), 296u);
    EXPECT_EQ(sizeof(sipline_header_field_t), 48u);
}

TEST(AbiLayout, ReturnCodesFollowKamailio) {
    EXPECT_GT(SIPLINE_RC_TRUE, 0);
    EXPECT_LT(SIPLINE_RC_FALSE, 0);
    EXPECT_EQ(SIPLINE_RC_STOP, 0);
    EXPECT_NE(SIPLINE_VALUE_INVALID, SIPLINE_VALUE_INT); // a zeroed value is never an INT
}
