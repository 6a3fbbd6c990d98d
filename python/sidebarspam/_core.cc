// Private pybind11 module: converts arguments and results and releases the GIL. The
// documented Python API is in __init__.py; all behaviour is in the C++ library.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sidebarspam/sidebarspam.h>

#include <memory>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace sidebarspam;

namespace {

// The one exception type the module raises for library errors (bad model, bad rules file).
struct CoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// str -> UTF-8 bytes; bytes as they are (possibly invalid UTF-8, which the library accepts).
std::string to_bytes(const py::handle& text) {
  if (py::isinstance<py::bytes>(text)) return text.cast<std::string>();
  if (py::isinstance<py::str>(text)) {
    // "surrogatepass" keeps lone surrogates as bytes instead of raising; the scorer treats
    // them as invalid UTF-8.
    py::bytes b = py::reinterpret_steal<py::bytes>(
        PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogatepass"));
    if (!b) throw py::error_already_set();
    return b.cast<std::string>();
  }
  throw py::type_error("text must be str or bytes, not " + std::string(py::str(py::type::of(text).attr("__name__"))));
}

std::vector<std::string> to_bytes_list(const py::sequence& texts) {
  std::vector<std::string> owned;
  owned.reserve(py::len(texts));
  for (const py::handle& t : texts) owned.push_back(to_bytes(t));
  return owned;
}

// Training documents as Python passes them: (lines, repeat, site), lines: (text, label) or
// (text, label, extra_tokens) with label "" = context only; extra_tokens are a page's DOM tokens
// (dom_model_tokens); site keys site-memory features (config.use_site_memory).
using PyTrainingDocuments = std::vector<std::tuple<std::vector<py::tuple>, int, std::string>>;

std::vector<TrainingDocument> to_training_documents(const PyTrainingDocuments& documents) {
  std::vector<TrainingDocument> docs;
  docs.reserve(documents.size());
  for (const auto& d : documents) {
    TrainingDocument doc;
    doc.repeat = std::get<1>(d);
    doc.site = std::get<2>(d);
    for (const py::tuple& l : std::get<0>(d)) {
      if (l.size() < 2 || l.size() > 3) throw py::value_error("a training line is (text, label[, extra_tokens])");
      TrainingLine line{l[0].cast<std::string>(), l[1].cast<std::string>(), ""};
      if (l.size() == 3) line.extra_tokens = l[2].cast<std::string>();
      doc.lines.push_back(std::move(line));
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

// sidebarspam.Options: an immutable value with one keyword argument per field of the C++
// Options (option_fields(): names, defaults and help come from there, nowhere else).
const OptionField& option_field(const std::string& name) {
  for (const OptionField& f : option_fields()) {
    if (name == f.name) return f;
  }
  throw py::type_error("unknown option '" + name + "'");
}

py::object option_value(const Options& o, const OptionField& f) {
  return f.real != nullptr ? py::object(py::float_(o.*f.real)) : py::object(py::int_(o.*f.count));
}

Options with_values(Options o, const py::dict& values) {
  for (const auto& item : values) {
    const OptionField& f = option_field(py::str(item.first));
    if (f.real != nullptr) {
      o.*f.real = item.second.cast<float>();
    } else {
      if (item.second.cast<long long>() < 0) throw py::value_error(std::string(f.name) + " must be >= 0");
      o.*f.count = item.second.cast<std::size_t>();
    }
  }
  return o;
}

py::dict option_values(const Options& o) {
  py::dict d;
  for (const OptionField& f : option_fields()) d[f.name] = option_value(o, f);
  return d;
}

void bind_options(py::module_& m) {
  py::class_<Options> options(m, "Options", "Scoring options (C++ sidebarspam::Options); immutable, see fields()");
  options.def(py::init([](const py::kwargs& values) { return with_values(Options{}, values); }))
      .def("replace", [](const Options& o, const py::kwargs& values) { return with_values(o, values); },
           "A copy with the given fields changed.")
      .def("to_dict", &option_values)
      .def_static("fields", [] {
             py::list out;
             const Options defaults;
             for (const OptionField& f : option_fields()) {
               out.append(py::make_tuple(f.name, f.real != nullptr ? "float" : "int", option_value(defaults, f), f.help));
             }
             return out;
           }, "(name, type, default, help) of every option, in declaration order.")
      .def("__eq__", [](const Options& a, const py::object& b) {
             return py::isinstance<Options>(b) && option_values(a).equal(option_values(b.cast<Options>()));
           })
      .def("__hash__", [](const Options& o) { return py::hash(py::tuple(option_values(o).attr("values")())); })
      .def("__repr__", [](const Options& o) {
             std::string out = "Options(";
             for (const OptionField& f : option_fields()) {
               if (out.size() > 8) out += ", ";
               out += std::string(f.name) + "=" + std::string(py::repr(option_value(o, f)));
             }
             return out + ")";
           })
      .def(py::pickle([](const Options& o) { return option_values(o); },
                      [](const py::dict& values) { return with_values(Options{}, values); }));
  for (const OptionField& f : option_fields()) {
    options.def_property_readonly(f.name, [&f](const Options& o) { return option_value(o, f); }, f.help);
  }
}


// Like the input: bytes for bytes, str (surrogatepass) for str.
py::object like_input(const py::handle& input, const std::string& out) {
  if (py::isinstance<py::bytes>(input)) return py::bytes(out);
  return py::reinterpret_steal<py::object>(
      PyUnicode_DecodeUTF8(out.data(), static_cast<Py_ssize_t>(out.size()), "surrogatepass"));
}

std::vector<ScoreResult> score_batch(const Classifier& c, const py::sequence& texts, int threads,
                                     const std::vector<std::string>& sites, SiteMemory* memory,
                                     std::vector<std::string>* owned) {
  *owned = to_bytes_list(texts);
  std::vector<std::string_view> views(owned->begin(), owned->end());
  std::vector<std::string_view> site_views(sites.begin(), sites.end());
  std::vector<ScoreResult> results;
  Status s;
  {
    py::gil_scoped_release release;
    s = c.score_batch(views, site_views, memory, threads, &results);
  }
  if (!s.ok()) throw py::value_error(s.message());
  return results;
}

py::object clean_one(const Classifier& c, const py::handle& text) {
  std::string bytes = to_bytes(text);
  std::string out;
  {
    py::gil_scoped_release release;
    out = c.clean(bytes);
  }
  return like_input(text, out);
}

py::list clean_batch(const Classifier& c, const py::sequence& texts, int threads, const std::vector<std::string>& sites,
                     SiteMemory* memory) {
  std::vector<std::string> owned;
  const std::vector<ScoreResult> results = score_batch(c, texts, threads, sites, memory, &owned);
  std::vector<std::string> cleaned(owned.size());
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < results.size(); ++i) cleaned[i] = Classifier::clean(owned[i], results[i]);
  }
  py::list out;
  for (std::size_t i = 0; i < cleaned.size(); ++i) out.append(like_input(texts[i], cleaned[i]));
  return out;
}

void bind_results(py::module_& m) {
  py::class_<LineResult>(m, "LineResult")
      .def_readonly("start", &LineResult::start)
      .def_readonly("end", &LineResult::end)
      .def_readonly("next", &LineResult::next)
      .def_property_readonly("label", [](const LineResult& l) { return std::string(label_name(l.label)); })
      .def_property_readonly("probabilities", [](const LineResult& l) {
        py::dict d;
        for (int i = 0; i < kNumLabels; ++i) {
          d[py::str(std::string(label_name(static_cast<LineLabel>(i))))] = l.probabilities[i];
        }
        return d;
      })
      .def_readonly("clickbait", &LineResult::clickbait)
      .def_readonly("is_clickbait", &LineResult::is_clickbait)
      .def_readonly("reasons", &LineResult::reasons);

  py::class_<TrailingBlock>(m, "TrailingBlock")
      .def_readonly("first_line", &TrailingBlock::first_line)
      .def_readonly("last_line", &TrailingBlock::last_line)
      .def_readonly("start", &TrailingBlock::start)
      .def_readonly("end", &TrailingBlock::end);

  py::class_<JunkBlock>(m, "JunkBlock")
      .def_property_readonly("kind", [](const JunkBlock& b) { return std::string(label_name(b.kind)); })
      .def_readonly("first_line", &JunkBlock::first_line)
      .def_readonly("last_line", &JunkBlock::last_line)
      .def_readonly("start", &JunkBlock::start)
      .def_readonly("end", &JunkBlock::end);

  py::class_<ScoreResult>(m, "ScoreResult")
      .def_readonly("lines", &ScoreResult::lines)
      // Only the labels, without copying every LineResult into Python: what batch callers
      // (cleaning, metrics) read, at a fraction of the cost of .lines.
      .def_property_readonly("labels", [](const ScoreResult& r) {
        static const py::str names[kNumLabels] = {py::str(std::string(label_name(LineLabel::kBody))),
                                                  py::str(std::string(label_name(LineLabel::kBoilerplate))),
                                                  py::str(std::string(label_name(LineLabel::kSidebar)))};
        py::list out(r.lines.size());
        for (std::size_t i = 0; i < r.lines.size(); ++i) {
          out[i] = names[static_cast<int>(r.lines[i].label)];
        }
        return out;
      })
      .def_readonly("blocks", &ScoreResult::blocks)
      .def_readonly("trailing_block", &ScoreResult::trailing_block)
      .def_readonly("spam_score", &ScoreResult::spam_score);

}

void bind_site_memory(py::module_& m) {
  py::class_<SiteMemory>(m, "SiteMemory")
      .def(py::init([](std::size_t max_sites, std::size_t max_lines_per_site, std::uint32_t window_pages) {
             return std::make_unique<SiteMemory>(SiteMemoryOptions{max_sites, max_lines_per_site, window_pages});
           }),
           py::arg("max_sites") = SiteMemoryOptions{}.max_sites,
           py::arg("max_lines_per_site") = SiteMemoryOptions{}.max_lines_per_site,
           py::arg("window_pages") = SiteMemoryOptions{}.window_pages)
      .def_static("load", [](const std::string& path) {
             std::unique_ptr<SiteMemory> memory;
             Status s;
             {
               py::gil_scoped_release release;
               s = SiteMemory::Load(path, &memory);
             }
             if (!s.ok()) throw CoreError(s.message());
             return memory;
           }, py::arg("path"))
      .def("save", [](const SiteMemory& memory, const std::string& path) {
             Status s;
             {
               py::gil_scoped_release release;
               s = memory.save(path);
             }
             if (!s.ok()) throw CoreError(s.message());
           }, py::arg("path"))
      .def("merge", [](SiteMemory& memory, const SiteMemory& other) {
             py::gil_scoped_release release;
             memory.merge(other);
           }, py::arg("other"))
      .def("count", [](const SiteMemory& memory, const std::string& site, const py::handle& line) {
             const std::string bytes = to_bytes(line);
             return memory.count(site, SiteMemory::LineKey(bytes));
           }, py::arg("site"), py::arg("line"))
      .def("add_page", [](SiteMemory& memory, const std::string& site, const std::vector<py::object>& lines) {
             std::vector<std::uint64_t> keys;
             for (const py::object& line : lines) keys.push_back(SiteMemory::LineKey(to_bytes(line)));
             memory.add_page(site, keys);
           }, py::arg("site"), py::arg("lines"))
      .def_property_readonly("num_sites", &SiteMemory::num_sites)
      .def_property_readonly("num_lines", &SiteMemory::num_lines)
      .def_property_readonly("max_sites", [](const SiteMemory& m) { return m.options().max_sites; })
      .def_property_readonly("max_lines_per_site", [](const SiteMemory& m) { return m.options().max_lines_per_site; })
      .def_property_readonly("window_pages", [](const SiteMemory& m) { return m.options().window_pages; });

}

void bind_model_paths(py::module_& m) {
  py::class_<ModelPaths>(m, "ModelPaths")
      .def(py::init<>())
      .def_static("in_directory", &ModelPaths::InDirectory, py::arg("directory"))
      .def_readwrite("line_model", &ModelPaths::line_model)
      .def_readwrite("rules", &ModelPaths::rules)
      .def_readwrite("clickbait_model", &ModelPaths::clickbait_model)
      .def_readwrite("clickbait_model_ko", &ModelPaths::clickbait_model_ko)
      .def_readwrite("clickbait_calibration", &ModelPaths::clickbait_calibration)
      .def_readwrite("structure", &ModelPaths::structure)
      .def_readwrite("manifest", &ModelPaths::manifest)
      .def_readwrite("html_model_dir", &ModelPaths::html_model_dir)
      .def_static("manifest_path_for", &ModelPaths::ManifestPathFor, py::arg("line_model"));

  m.def("is_korean_headline", [](const py::handle& headline) {
    return is_korean_headline(to_bytes(headline));
  }, py::arg("headline"));

  // The cleaned text from a result already computed (no second scoring pass).
  m.def("clean_scored", [](const py::bytes& text, const ScoreResult& result) {
    const std::string bytes = text;
    return py::bytes(Classifier::clean(bytes, result));
  }, py::arg("text"), py::arg("result"));

}

std::vector<HtmlScoreResult> score_pages(const Classifier& c, const py::sequence& pages, int threads,
                                         std::size_t max_html_bytes, int max_depth, const std::string& encoding) {
  std::vector<std::string> owned = to_bytes_list(pages);
  std::vector<std::string_view> views(owned.begin(), owned.end());
  HtmlOptions options;
  options.max_html_bytes = max_html_bytes;
  options.max_depth = max_depth;
  options.encoding = encoding;
  py::gil_scoped_release release;
  return score_html_batch(c, views, threads, options);
}

void bind_html(py::module_& m) {
  py::class_<DomFeatures>(m, "DomFeatures")
      .def_readonly("chars", &DomFeatures::chars)
      .def_readonly("link_chars", &DomFeatures::link_chars)
      .def_readonly("links", &DomFeatures::links)
      .def_readonly("block_tag", &DomFeatures::block_tag)
      .def_readonly("depth", &DomFeatures::depth)
      .def_readonly("inside", &DomFeatures::inside)
      .def_readonly("list_length", &DomFeatures::list_length)
      .def_readonly("list_position", &DomFeatures::list_position)
      .def_readonly("class_tokens", &DomFeatures::class_tokens);

  py::class_<HtmlLine>(m, "HtmlLine")
      .def_readonly("start", &HtmlLine::start)
      .def_readonly("end", &HtmlLine::end)
      .def_readonly("dom_path", &HtmlLine::dom_path)
      .def_readonly("dom", &HtmlLine::dom);

  py::class_<HtmlPage>(m, "HtmlPage")
      .def_property_readonly("text", [](const HtmlPage& p) { return py::bytes(p.text); })
      .def_readonly("lines", &HtmlPage::lines)
      .def_readonly("encoding", &HtmlPage::encoding)
      .def_readonly("encoding_source", &HtmlPage::encoding_source)
      .def_readonly("truncated", &HtmlPage::truncated);

  py::class_<HtmlScoreResult>(m, "HtmlScoreResult")
      .def_readonly("page", &HtmlScoreResult::page)
      .def_readonly("result", &HtmlScoreResult::result);

  m.attr("DOM_INSIDE") = py::make_tuple(py::make_tuple("nav", kInNav), py::make_tuple("aside", kInAside),
                                        py::make_tuple("footer", kInFooter), py::make_tuple("header", kInHeader),
                                        py::make_tuple("article", kInArticle), py::make_tuple("main", kInMain),
                                        py::make_tuple("form", kInForm));

  m.def("html_to_lines", [](const py::handle& html, std::size_t max_html_bytes, int max_depth, const std::string& encoding) {
        std::string bytes = to_bytes(html);
        HtmlOptions options;
        options.max_html_bytes = max_html_bytes;
        options.max_depth = max_depth;
        options.encoding = encoding;
        py::gil_scoped_release release;
        return html_to_lines(bytes, options);
      }, py::arg("html"), py::arg("max_html_bytes") = HtmlOptions{}.max_html_bytes,
      py::arg("max_depth") = HtmlOptions{}.max_depth, py::arg("encoding") = "");

  m.def("dom_model_tokens", [](const DomFeatures& dom) { return dom_model_tokens(dom); }, py::arg("dom"));

  m.def("clean_html_scored", [](const HtmlScoreResult& scored) { return py::bytes(clean_html(scored)); });
}

void bind_classifier(py::module_& m) {
  py::class_<Classifier>(m, "Classifier")
      .def(py::init([](const ModelPaths& paths, const Options& options) {
             std::unique_ptr<Classifier> c;
             Status s;
             {
               py::gil_scoped_release release;
               s = Classifier::Load(paths, options, &c);
             }
             if (!s.ok()) throw CoreError(s.message());
             return c;
           }),
           py::arg("paths"), py::arg("options") = Options{})
      .def_property_readonly("options", &Classifier::options)
      .def("model_inputs", [](const Classifier& c, const py::handle& text) {
             std::string bytes = to_bytes(text);
             py::gil_scoped_release release;
             return c.model_inputs(bytes);
           }, py::arg("text"))
      .def("score", [](const Classifier& c, const py::handle& text, const std::string& site, SiteMemory* memory) {
             std::string bytes = to_bytes(text);
             py::gil_scoped_release release;
             return memory == nullptr ? c.score(bytes) : c.score(bytes, site, memory);
           }, py::arg("text"), py::arg("site") = "", py::arg("memory") = nullptr)
      .def("score_batch", [](const Classifier& c, const py::sequence& texts, int threads,
                             const std::vector<std::string>& sites, SiteMemory* memory) {
             std::vector<std::string> owned;
             return score_batch(c, texts, threads, sites, memory, &owned);
           }, py::arg("texts"), py::arg("threads") = 0, py::arg("sites") = std::vector<std::string>(),
           py::arg("memory") = nullptr)
      .def("clean", &clean_one, py::arg("text"))
      .def("clean_batch", &clean_batch, py::arg("texts"), py::arg("threads") = 0,
           py::arg("sites") = std::vector<std::string>(), py::arg("memory") = nullptr)
      .def("score_html_batch", &score_pages, py::arg("pages"), py::arg("threads") = 0,
           py::arg("max_html_bytes") = HtmlOptions{}.max_html_bytes, py::arg("max_depth") = HtmlOptions{}.max_depth,
           py::arg("encoding") = "")
      .def("clickbait", [](const Classifier& c, const py::handle& headline) -> std::optional<float> {
             std::string bytes = to_bytes(headline);
             py::gil_scoped_release release;
             return c.clickbait(bytes);
           }, py::arg("headline"))
      .def("clickbait_threshold", [](const Classifier& c, const py::handle& headline) -> std::optional<float> {
             return c.clickbait_threshold(to_bytes(headline));
           }, py::arg("headline"))
      .def("clickbait_cues", [](const Classifier& c, const py::handle& headline) {
             std::string bytes = to_bytes(headline);
             std::vector<std::string> cues;
             {
               py::gil_scoped_release release;
               c.clickbait(bytes, &cues);
             }
             return cues;
           }, py::arg("headline"))
      .def_property_readonly("has_clickbait_model", &Classifier::has_clickbait_model)
      .def_property_readonly("uses_line_tokens", &Classifier::uses_line_tokens)
      .def_property_readonly("has_html_model", &Classifier::has_html_model)
      .def_property_readonly("uses_site_memory", &Classifier::uses_site_memory)
      .def_property_readonly("rule_hints", [](const Classifier& c) {
             std::vector<std::pair<std::string, std::string>> hints;
             for (const auto& [id, hint] : c.rule_hints()) hints.emplace_back(id, std::string(hint_name(hint)));
             return hints;
           });
}

void bind_training_config(py::module_& m) {
  py::class_<TrainingConfig>(m, "TrainingConfig")
      .def(py::init<>())
      .def_readwrite("rules", &TrainingConfig::rules)
      .def_readwrite("max_line_bytes", &TrainingConfig::max_line_bytes)
      .def_readwrite("use_rules", &TrainingConfig::use_rules)
      .def_readwrite("use_site_memory", &TrainingConfig::use_site_memory)
      .def_readwrite("use_page_context", &TrainingConfig::use_page_context)
      .def_readwrite("site_memory_dropout", &TrainingConfig::site_memory_dropout)
      .def_readwrite("dim", &TrainingConfig::dim)
      .def_readwrite("epoch", &TrainingConfig::epoch)
      .def_readwrite("lr", &TrainingConfig::lr)
      .def_readwrite("word_ngrams", &TrainingConfig::word_ngrams)
      .def_readwrite("minn", &TrainingConfig::minn)
      .def_readwrite("maxn", &TrainingConfig::maxn)
      .def_readwrite("bucket", &TrainingConfig::bucket)
      .def_readwrite("min_count", &TrainingConfig::min_count)
      .def_readwrite("seed", &TrainingConfig::seed)
      .def_readwrite("threads", &TrainingConfig::threads)
      .def_readwrite("quantize", &TrainingConfig::quantize)
      .def_readwrite("cutoff", &TrainingConfig::cutoff)
      .def_readwrite("dsub", &TrainingConfig::dsub);

}

void bind_trainers(py::module_& m) {
  m.def("train_line_model", [](const PyTrainingDocuments& documents, const TrainingConfig& config,
                               const std::string& output) {
    std::vector<TrainingDocument> docs = to_training_documents(documents);
    Status s;
    {
      py::gil_scoped_release release;
      s = train_line_model(docs, config, output);
    }
    if (!s.ok()) throw CoreError(s.message());
  }, py::arg("documents"), py::arg("config"), py::arg("output"));

  m.def("write_model_manifest", [](const TrainingConfig& config, const std::string& line_model) {
    Status s = write_model_manifest(config, line_model);
    if (!s.ok()) throw CoreError(s.message());
  }, py::arg("config"), py::arg("line_model"));

  m.def("learn_page_structure", [](const PyTrainingDocuments& documents, const TrainingConfig& config,
                                   const std::string& output) {
    std::vector<TrainingDocument> docs = to_training_documents(documents);
    Status s;
    {
      py::gil_scoped_release release;
      s = learn_page_structure(docs, config, output);
    }
    if (!s.ok()) throw CoreError(s.message());
  }, py::arg("documents"), py::arg("config"), py::arg("output"));

  // The fastText input train_line_model would train on, written to path (to inspect features
  // or check that a change leaves the line model's input alone).
  m.def("write_line_training_file", [](const PyTrainingDocuments& documents, const TrainingConfig& config,
                                       const std::string& path) {
    std::vector<TrainingDocument> docs = to_training_documents(documents);
    Status s;
    {
      py::gil_scoped_release release;
      s = write_line_training_file(docs, config, path);
    }
    if (!s.ok()) throw CoreError(s.message());
  }, py::arg("documents"), py::arg("config"), py::arg("path"));

  m.def("train_clickbait_model", [](const std::vector<std::tuple<std::string, std::string, int>>& headlines,
                                    const TrainingConfig& config, const std::string& output) {
    std::vector<TrainingHeadline> rows;
    rows.reserve(headlines.size());
    for (const auto& h : headlines) rows.push_back(TrainingHeadline{std::get<0>(h), std::get<1>(h), std::get<2>(h)});
    Status s;
    {
      py::gil_scoped_release release;
      s = train_clickbait_model(rows, config, output);
    }
    if (!s.ok()) throw CoreError(s.message());
  }, py::arg("headlines"), py::arg("config"), py::arg("output"));
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "sidebarspam C++ core (private; use the sidebarspam package)";
  m.attr("__version__") = SIDEBARSPAM_VERSION_STRING;
  py::register_exception<CoreError>(m, "SidebarspamError", PyExc_ValueError);
  bind_results(m);
  bind_site_memory(m);
  bind_options(m);
  bind_model_paths(m);
  bind_html(m);
  bind_classifier(m);
  bind_training_config(m);
  bind_trainers(m);
}
