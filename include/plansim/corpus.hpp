#pragma once
/// @file
/// The corpus module: documents, readers, metadata, markdown masking and passages.

#include "plansim/corpus/corpus.hpp"
#include "plansim/corpus/csv.hpp"
#include "plansim/corpus/document.hpp"
#include "plansim/corpus/markdown.hpp"
#include "plansim/corpus/metadata.hpp"
#include "plansim/corpus/passages.hpp"
#include "plansim/corpus/read_options.hpp"
#include "plansim/corpus/readers.hpp"
