#include <plansim/text/views.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <range/v3/range/concepts.hpp>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/filter.hpp>
#include <range/v3/view/take.hpp>
#include <range/v3/view/transform.hpp>

#include "catch.hpp"

namespace {

using word_view = plansim::tokenize_view<plansim::word_tokenizer>;
using sklearn_view = plansim::tokenize_view<plansim::sklearn_tokenizer>;

static_assert(ranges::view_<word_view>);
static_assert(ranges::forward_range<word_view>);
static_assert(ranges::input_range<sklearn_view>);
static_assert(ranges::view_<sklearn_view>);
static_assert(std::same_as<ranges::range_value_t<word_view>, std::string_view>);
static_assert(plansim::tokenizer<plansim::word_tokenizer>);
static_assert(!plansim::tokenizer<int>);

// A temporary std::string would dangle, so it cannot be piped in.
template <class T>
concept pipeable_into_tokenize = requires(T&& text) {
  static_cast<T&&>(text) | plansim::views::tokenize(plansim::sklearn_tokenizer{});
};
static_assert(pipeable_into_tokenize<std::string&>);
static_assert(pipeable_into_tokenize<std::string_view>);
static_assert(!pipeable_into_tokenize<std::string>);

}  // namespace

TEST_CASE("views::tokenize yields the tokenizer's tokens lazily", "[text][views]") {
  const std::string text = "The council\u2019s housing-led plan: £749.2m, 17%.";
  const auto tokens = text | plansim::views::tokenize(plansim::word_tokenizer{}) | ranges::to<std::vector<std::string>>();
  CHECK(tokens == std::vector<std::string>{"The", "council\u2019s", "housing-led", "plan", "£749.2m", "17%"});

  const auto direct = plansim::views::tokenize(text, plansim::sklearn_tokenizer{}) | ranges::to<std::vector<std::string>>();
  CHECK(direct == std::vector<std::string>{"The", "council", "housing", "led", "plan", "749", "2m", "17"});

  // Tokens point into the text: nothing is copied.
  for (const std::string_view t : std::string_view(text) | plansim::views::tokenize(plansim::sklearn_tokenizer{})) {
    CHECK(t.data() >= text.data());
    CHECK(t.data() + t.size() <= text.data() + text.size());
  }
}

TEST_CASE("views::tokenize composes with filter, transform and take", "[text][views]") {
  const std::string text = "alpha beta gamma delta epsilon zeta eta";
  auto long_sizes = text | plansim::views::tokenize(plansim::sklearn_tokenizer{}) |
                    ranges::views::filter([](std::string_view t) { return t.size() > 4; }) |
                    ranges::views::transform([](std::string_view t) { return t.size(); }) | ranges::views::take(3);
  CHECK((long_sizes | ranges::to<std::vector<std::size_t>>()) == std::vector<std::size_t>{5, 5, 5});

  const std::string empty;
  CHECK(ranges::empty(empty | plansim::views::tokenize(plansim::word_tokenizer{})));
  auto view = text | plansim::views::tokenize(plansim::word_tokenizer({.min_length = 5}));
  CHECK(ranges::distance(view) == 4);
  CHECK(ranges::distance(view) == 4);  // a forward range: it can be walked again
}
