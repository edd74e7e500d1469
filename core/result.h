// A value or a Problem: how every step of the data path reports failure without exceptions.
#pragma once

#include <utility>
#include <variant>

#include "core/problem.h"

namespace profilegw::core {

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Problem problem) : v_(std::move(problem)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  Problem& problem() & { return std::get<1>(v_); }
  const Problem& problem() const& { return std::get<1>(v_); }
  Problem&& problem() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Problem> v_;
};

}  // namespace profilegw::core
