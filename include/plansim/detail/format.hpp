#pragma once
/// @file
/// Numbers in messages and outputs: shortest round-trip form, independent of the locale
/// ("2", "0.75", "1e-300"), never printf's "2.000000". Not API.

#include <charconv>
#include <string>

namespace plansim::detail {

template <class T>
void append_number(std::string& out, T value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

template <class T>
std::string format_number(T value) {
  std::string out;
  append_number(out, value);
  return out;
}

}  // namespace plansim::detail
