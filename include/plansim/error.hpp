#pragma once
/// @file
/// The exceptions plansim throws for bad input, bad options and failed I/O.
///
/// Every message has one shape, so a person knows what went wrong and what to do, and a script
/// can match the stable id:
///
///     [plansim.<module>.<n>] <caller>: <problem> (<what to do>)
///
/// for example `[plansim.vocabulary.2] prune: min_df (5) is above max_df (3) (lower min_df or
/// raise max_df)`. Ids never change meaning between releases; new problems get new numbers.

#include <stdexcept>
#include <string>
#include <string_view>

namespace plansim {

/// Base of everything plansim throws. Catch it to handle any plansim failure.
class error : public std::runtime_error {
 public:
  /// @param module  the part of plansim that failed, e.g. "corpus" or "vocabulary"
  /// @param number  the problem's number within that module (stable across releases)
  /// @param caller  the function, file or option the problem belongs to
  /// @param problem what is wrong, with the offending value
  /// @param advice  what the user should do about it; may be empty
  error(std::string_view module, int number, std::string_view caller, std::string_view problem,
        std::string_view advice = {})
      : std::runtime_error(compose(module, number, caller, problem, advice)),
        id_(make_id(module, number)),
        caller_(caller) {}

  /// The stable id, "plansim.<module>.<n>", without brackets.
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  /// The function, file or option named in the message.
  [[nodiscard]] const std::string& caller() const noexcept { return caller_; }

 private:
  static std::string make_id(std::string_view module, int number) {
    std::string id = "plansim.";
    id.append(module);
    id += '.';
    id += std::to_string(number);
    return id;
  }

  static std::string compose(std::string_view module, int number, std::string_view caller,
                             std::string_view problem, std::string_view advice) {
    // Built by appending only: GCC 12 warns falsely (-Wrestrict) on "[" + std::string at -O2.
    std::string message;
    message.reserve(module.size() + caller.size() + problem.size() + advice.size() + 32);
    message += '[';
    message += make_id(module, number);
    message += "] ";
    message.append(caller);
    message += ": ";
    message.append(problem);
    if (!advice.empty()) {
      message += " (";
      message.append(advice);
      message += ')';
    }
    return message;
  }

  std::string id_;
  std::string caller_;
};

/// An option or argument is outside what the function accepts (a negative k, min_df above max_df).
class invalid_argument : public error {
 public:
  using error::error;
};

/// Two inputs that must agree in size do not (a query matrix with the wrong vocabulary size).
class dimension_mismatch : public invalid_argument {
 public:
  using invalid_argument::invalid_argument;
};

/// The input data itself is unusable: invalid UTF-8, a binary file, an empty vocabulary, a
/// malformed Matrix Market line. The message names the file and the line or byte offset.
class data_error : public error {
 public:
  using error::error;
};

/// Reading or writing a file failed at the operating-system level.
class io_error : public error {
 public:
  using error::error;
};

}  // namespace plansim
