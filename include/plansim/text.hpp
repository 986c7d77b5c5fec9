#pragma once
/// @file
/// Text: UTF-8, Unicode properties and case mappings, normalisation, tokenizers and their
/// range-v3 views, stop words, Porter2 stemming, n-grams, and the analyzer that composes them.

#include "plansim/text/analyzer.hpp"
#include "plansim/text/ngrams.hpp"
#include "plansim/text/normalize.hpp"
#include "plansim/text/porter2.hpp"
#include "plansim/text/stop_words.hpp"
#include "plansim/text/tokenizer.hpp"
#include "plansim/text/unicode.hpp"
#include "plansim/text/utf8.hpp"
#include "plansim/text/views.hpp"
