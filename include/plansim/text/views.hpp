#pragma once
/// @file
/// Pipeable range-v3 views over the tokenizers:
///
///     for (std::string_view token : text | plansim::views::tokenize(plansim::word_tokenizer{})) ...
///
/// The view is lazy (one token is found per increment, by the tokenizer's `next` step), yields
/// std::string_view into the text, is a forward range, and composes with ranges::views::filter,
/// transform and the rest. The text is not copied: a std::string that is piped in must outlive
/// the view, and a temporary std::string is rejected at compile time (it is not a viewable range).

#include <concepts>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include <range/v3/view/facade.hpp>
#include <range/v3/view/view.hpp>

#include "plansim/text/tokenizer.hpp"

namespace plansim {

/// What views::tokenize needs of a tokenizer: a default-constructible, copyable value with a
/// `next(text, pos)` step, as sklearn_tokenizer and word_tokenizer have.
template <class T>
concept tokenizer = std::copyable<T> && requires(const T& tok, std::string_view text, std::size_t& pos) {
  { tok.next(text, pos) } -> std::same_as<std::optional<std::string_view>>;
};

/// The tokens of a text, found lazily by `Tokenizer::next`. Usually made by views::tokenize.
template <tokenizer Tokenizer>
class tokenize_view : public ranges::view_facade<tokenize_view<Tokenizer>, ranges::unknown> {
 public:
  tokenize_view() = default;
  /// The tokens of `text` (which must outlive the view) as `tok` finds them.
  tokenize_view(std::string_view text, Tokenizer tok) : text_(text), tok_(std::move(tok)) {}

 private:
  friend ranges::range_access;

  class cursor {
   public:
    cursor() = default;
    explicit cursor(const tokenize_view* view) : view_(view) { next(); }

    [[nodiscard]] std::string_view read() const { return *token_; }
    void next() { token_ = view_->tok_.next(view_->text_, pos_); }
    [[nodiscard]] bool equal(ranges::default_sentinel_t) const { return !token_.has_value(); }
    [[nodiscard]] bool equal(const cursor& other) const {
      return pos_ == other.pos_ && token_.has_value() == other.token_.has_value();
    }

   private:
    const tokenize_view* view_ = nullptr;
    std::size_t pos_ = 0;  // just past the current token
    std::optional<std::string_view> token_;
  };

  [[nodiscard]] cursor begin_cursor() const { return cursor(this); }

  std::string_view text_;
  Tokenizer tok_{};
};

namespace views {

/// `views::tokenize(text, tok)`, or `text | views::tokenize(tok)`: the tokens of `text`.
struct tokenize_fn {
  template <tokenizer Tokenizer>
  [[nodiscard]] tokenize_view<Tokenizer> operator()(std::string_view text, Tokenizer tok) const {
    return tokenize_view<Tokenizer>(text, std::move(tok));
  }

  template <tokenizer Tokenizer>
  [[nodiscard]] auto operator()(Tokenizer tok) const {
    return ranges::make_view_closure(
        [tok = std::move(tok)](std::string_view text) { return tokenize_view<Tokenizer>(text, tok); });
  }
};

/// The tokenize view adaptor; see tokenize_fn.
inline constexpr tokenize_fn tokenize{};

}  // namespace views

}  // namespace plansim
