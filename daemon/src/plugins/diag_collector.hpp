// A sipline_diag_t that collects what a plugin reports, for the daemon to prefix with file:line.
#pragma once

#include <string>

#include <sipline/sdk/diag.h>

namespace sipline::plugins {

class DiagCollector {
public:
    DiagCollector() noexcept {
        diag_.struct_size = sizeof(sipline_diag_t);
        diag_.context = this;
        diag_.error = &DiagCollector::onError;
    }
    DiagCollector(const DiagCollector &) = delete;
    DiagCollector &operator=(const DiagCollector &) = delete;

    const sipline_diag_t *get() const noexcept { return &diag_; }
    const std::string &text() const noexcept { return text_; }
    bool empty() const noexcept { return text_.empty(); }

private:
    static void onError(const sipline_diag_t *diag, sipline_str_t text) {
        auto *self = static_cast<DiagCollector *>(diag->context);
        if (!self->text_.empty()) self->text_ += "; ";
        self->text_.append(text.data ? text.data : "", text.len);
    }
    sipline_diag_t diag_{};
    std::string text_;
};

}  // namespace sipline::plugins
