// HTML front end: bytes -> UTF-8 -> libxml2 DOM -> lines with DOM paths and features.
//
// Why libxml2's HTML parser (and not Gumbo, the other HTML parser Debian ships):
// - The English training lines were made by lxml 4.9.2 on libxml2 2.9.14, the version Debian 12
//   ships: the same parser builds the same tree for the same broken page, so the labels carry
//   over line for line (README "HTML in" gives the recovery per data set).
// - Speed: on 100 WCXB pages (12.5 MB) it parses at 25 MB/s here, Gumbo 0.10.1 at 19 MB/s.
// - Hostile input: it stops nesting at 256 levels (defined, linear), while Gumbo's HTML5 tree
//   builder scans its open-element stack per start tag: 10,000 nested <div>s take 1.6 s there,
//   100,000 more than a minute.
// - Maintained: security updates in Debian 12 (2.9.14+dfsg-1.3~deb12u5) and continuous fuzzing
//   of htmlReadMemory in OSS-Fuzz; Gumbo's last release is from 2016 and upstream is archived.
// What it gives up: libxml2 2.9 is not an HTML5 tree builder, so on mis-nested markup its tree
// can differ from a browser's (it is the tree the labels were made on, which is what matters
// for the labels to apply). We feed it valid UTF-8 only and tell it to ignore <meta> charsets.
#include "sidebarspam/html.h"

#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cctype>
#include <cstring>
#include <mutex>

#include "sidebarspam/utf8.h"

namespace sidebarspam {
namespace {

// ---------------------------------------------------------------------------------- encoding

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    std::size_t n = decode_utf8(s, i, &cp);
    if (cp == kReplacementChar && !(n == 3 && s.compare(i, 3, "\xEF\xBF\xBD") == 0)) return false;
    i += n;
  }
  return true;
}

// The charset named by a <meta charset=...> or <meta http-equiv content="...; charset=...">
// in the first 4096 bytes, lower-cased, or "".
std::string meta_charset(std::string_view html) {
  std::string head(html.substr(0, 4096));
  std::transform(head.begin(), head.end(), head.begin(), ascii_lower);
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const std::size_t close = head.find('>', at);
    const std::string_view tag =
        std::string_view(head).substr(at, close == std::string::npos ? std::string::npos : close - at);
    const std::size_t c = tag.find("charset");
    if (c == std::string_view::npos) continue;
    std::size_t p = c + 7;
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '\t' || tag[p] == '\n' || tag[p] == '\r')) ++p;
    if (p >= tag.size() || tag[p] != '=') continue;
    ++p;
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '"' || tag[p] == '\'')) ++p;
    std::string name;
    while (p < tag.size() && name.size() < 40) {
      const char ch = tag[p++];
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' || ch == ':')
        name.push_back(ch);
      else
        break;
    }
    if (!name.empty()) return name;
  }
  return "";
}

// The WHATWG Encoding Standard's aliases that matter for decoding: latin-1 labels mean
// windows-1252, euc-kr means its superset windows-949, and so on. Returns the iconv name.
std::string iconv_name(const std::string& label) {
  if (label == "iso-8859-1" || label == "latin1" || label == "us-ascii" || label == "ascii" ||
      label == "iso8859-1" || label == "l1" || label == "cp1252" || label == "windows-1252")
    return "WINDOWS-1252";
  if (label == "euc-kr" || label == "ks_c_5601-1987" || label == "ksc5601" || label == "cp949" ||
      label == "windows-949")
    return "CP949";
  if (label == "gb2312" || label == "gbk" || label == "x-gbk" || label == "gb18030") return "GB18030";
  if (label == "shift_jis" || label == "sjis" || label == "x-sjis" || label == "windows-31j" ||
      label == "ms_kanji")
    return "CP932";
  if (label == "utf8" || label == "unicode-1-1-utf-8") return "UTF-8";
  return label;
}

// Copies UTF-8 `in` to `out` with invalid sequences and the noncharacters U+FFFE/U+FFFF as
// U+FFFD, C0 controls other than tab/newline/CR as spaces, NUL dropped: libxml2 must see
// well-formed text.
void sanitize_utf8(std::string_view in, std::string* out) {
  out->reserve(out->size() + in.size());
  for (std::size_t i = 0; i < in.size();) {
    const unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      if (c == 0) {
        // Dropped, as an HTML5 parser drops NUL in body text.
      } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        out->push_back(' ');
      } else {
        out->push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    char32_t cp;
    const std::size_t n = decode_utf8(in, i, &cp);
    if (cp == 0xFFFE || cp == 0xFFFF) cp = kReplacementChar;
    if (cp == kReplacementChar) {
      append_utf8(cp, out);
    } else {
      out->append(in.data() + i, n);
    }
    i += n;
  }
}

// Decodes `in` from `from` (an iconv name) into UTF-8; bytes iconv rejects become U+FFFD.
// False when iconv does not know the encoding.
bool decode_with_iconv(std::string_view in, const std::string& from, std::size_t unit, std::string* out) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string utf8;
  utf8.reserve(in.size() + in.size() / 2);
  char buffer[16384];
  char* src = const_cast<char*>(in.data());
  std::size_t left = in.size();
  while (left > 0) {
    char* dst = buffer;
    std::size_t room = sizeof buffer;
    const std::size_t rc = iconv(cd, &src, &left, &dst, &room);
    utf8.append(buffer, static_cast<std::size_t>(dst - buffer));
    if (rc == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ or EINVAL (truncated at the end): one replacement character per bad unit.
      append_utf8(kReplacementChar, &utf8);
      const std::size_t skip = std::min(unit, left);
      src += skip;
      left -= skip;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  iconv_close(cd);
  out->clear();
  sanitize_utf8(utf8, out);
  return true;
}

// A declared encoding (the caller's option or the page's meta charset): UTF-8 is repaired
// (declared but maybe invalid), anything else goes through iconv. False when iconv cannot.
bool decode_declared(std::string_view html, const std::string& label, const char* source, HtmlPage* page,
                     std::string* utf8) {
  const std::string name = iconv_name(label);
  if (name == "UTF-8" || label == "utf-8") {
    sanitize_utf8(html, utf8);
    page->encoding = "utf-8";
  } else if (decode_with_iconv(html, name, 1, utf8)) {  // 1: a multi-byte encoding resynchronises
    page->encoding = label;                              // after a bad byte; skip one at a time
  } else {
    return false;
  }
  page->encoding_source = source;
  return true;
}

void decode_page(std::string_view html, const HtmlOptions& options, HtmlPage* page, std::string* utf8) {
  if (!options.encoding.empty()) {
    std::string label(options.encoding);
    std::transform(label.begin(), label.end(), label.begin(), ascii_lower);
    if (decode_declared(html, label, "option", page, utf8)) return;
  }
  if (html.size() >= 3 && html.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    sanitize_utf8(html.substr(3), utf8);
    page->encoding = "utf-8";
    page->encoding_source = "bom";
    return;
  }
  if (html.size() >= 2 && (html.compare(0, 2, "\xFF\xFE") == 0 || html.compare(0, 2, "\xFE\xFF") == 0)) {
    const bool le = html[0] == '\xFF';
    if (decode_with_iconv(html.substr(2), le ? "UTF-16LE" : "UTF-16BE", 2, utf8)) {
      page->encoding = le ? "utf-16le" : "utf-16be";
      page->encoding_source = "bom";
      return;
    }
  }
  if (is_valid_utf8(html)) {
    sanitize_utf8(html, utf8);
    page->encoding = "utf-8";
    page->encoding_source = "utf-8";
    return;
  }
  const std::string meta = meta_charset(html);
  if (!meta.empty() && decode_declared(html, meta, "meta", page, utf8)) return;
  decode_with_iconv(html, "WINDOWS-1252", 1, utf8);
  page->encoding = "windows-1252";
  page->encoding_source = "default";
}

// Recipe step 1 (the English converter's): drop a leading <?xml ...?> and turn every </body>
// and </html> end tag into a space, because libxml2 ignores what follows an early one.
std::string prepare_markup(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size() && (s[begin] == ' ' || s[begin] == '\t' || s[begin] == '\n' || s[begin] == '\r')) ++begin;
  if (s.compare(begin, 5, "<?xml") == 0) {
    const std::size_t close = s.find("?>", begin);
    begin = close == std::string_view::npos ? s.size() : close + 2;
  } else {
    begin = 0;
  }
  std::string out;
  out.reserve(s.size() - begin);
  for (std::size_t i = begin; i < s.size();) {
    if (s[i] == '<' && i + 1 < s.size() && s[i + 1] == '/') {
      std::size_t p = i + 2;
      std::size_t name_end = p;
      while (name_end < s.size() && name_end - p < 5 && s[name_end] != '>' && s[name_end] != ' ' &&
             s[name_end] != '\t' && s[name_end] != '\n' && s[name_end] != '\r')
        ++name_end;
      std::string name(s.substr(p, name_end - p));
      std::transform(name.begin(), name.end(), name.begin(), ascii_lower);
      if (name == "body" || name == "html") {
        std::size_t q = name_end;
        while (q < s.size() && (s[q] == ' ' || s[q] == '\t' || s[q] == '\n' || s[q] == '\r')) ++q;
        if (q < s.size() && s[q] == '>') {
          out.push_back(' ');
          i = q + 1;
          continue;
        }
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

// ---------------------------------------------------------------------------------- the walk

bool is_tag(const xmlNode* n, const char* name) {
  return n->name != nullptr && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

bool in_list(const char* name, const char* const* list) {
  for (; *list != nullptr; ++list)
    if (std::strcmp(name, *list) == 0) return true;
  return false;
}

const char* const kDropped[] = {"head", "script", "style", "noscript", "template", "svg", "iframe",
                                "object", "embed", "canvas", "video", "audio", nullptr};
const char* const kBlocks[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frameset", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
    "noframes", "ol", "optgroup", "option", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "br", nullptr};

std::string attribute(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0) continue;
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next)
      if (c->content != nullptr) value += reinterpret_cast<const char*>(c->content);
    return value;
  }
  return "";
}

std::uint32_t inside_bit(const xmlNode* n) {
  const char* name = reinterpret_cast<const char*>(n->name);
  if (std::strcmp(name, "nav") == 0) return kInNav;
  if (std::strcmp(name, "aside") == 0) return kInAside;
  if (std::strcmp(name, "footer") == 0) return kInFooter;
  if (std::strcmp(name, "header") == 0) return kInHeader;
  if (std::strcmp(name, "article") == 0) return kInArticle;
  if (std::strcmp(name, "main") == 0) return kInMain;
  if (std::strcmp(name, "form") == 0) return kInForm;
  if (n->properties == nullptr) return 0;
  const std::string role = attribute(n, "role");
  if (role.empty()) return 0;
  if (role == "navigation") return kInNav;
  if (role == "complementary") return kInAside;
  if (role == "contentinfo") return kInFooter;
  if (role == "banner") return kInHeader;
  if (role == "main") return kInMain;
  if (role == "article") return kInArticle;
  return 0;
}

// Python's str.split() whitespace (what the English converter collapsed), and the zero-width
// characters it removed first.
bool is_collapsed_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= 0x1C && cp <= 0x1F);
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}
bool is_zero_width(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD;
}

// Non-blank characters of s (code points that survive normalisation).
std::uint32_t count_chars(std::string_view s) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    i += decode_utf8(s, i, &cp);
    if (!is_collapsed_space(cp) && !is_zero_width(cp)) ++n;
  }
  return n;
}

struct Frame {
  const xmlNode* node;
  bool block;
  std::uint32_t inside;  // this element's bits and its ancestors'
  std::uint32_t li_total = 0;
  std::uint32_t li_seen = 0;
  bool li_counted = false;
  std::uint32_t list_length = 0;  // for an li: its list's length and its position
  std::uint32_t list_position = 0;
};

class Walker {
 public:
  Walker(const HtmlOptions& options, HtmlPage* page) : options_(options), page_(page) {}

  void run(const xmlDoc* doc) {
    const xmlNode* n = doc->children;
    while (n != nullptr) {
      const bool into = enter(n);
      if (into && n->children != nullptr) {
        n = n->children;
        continue;
      }
      if (into) leave(n);
      while (n != nullptr && n->next == nullptr) {
        n = n->parent;
        if (n == nullptr || n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
          n = nullptr;
          break;
        }
        leave(n);
      }
      if (n != nullptr) n = n->next;
    }
    end_line();
  }

 private:
  // Returns true when the walk should visit n's children (and then call leave(n)).
  bool enter(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) add_text(n->parent, reinterpret_cast<const char*>(n->content));
      return false;
    }
    if (n->type != XML_ELEMENT_NODE || n->name == nullptr) return false;
    const char* name = reinterpret_cast<const char*>(n->name);
    if (in_list(name, kDropped)) return false;
    ++depth_;
    if (depth_ > static_cast<std::uint32_t>(std::max(options_.max_depth, 1))) {
      page_->truncated = true;
      if (is_tag(n, "a")) ++links_open_;
      return true;  // read as inline text of the element at the limit
    }
    Frame frame{n, in_list(name, kBlocks), inside_bit(n) | (frames_.empty() ? 0 : frames_.back().inside)};
    if (std::strcmp(name, "li") == 0 && !frames_.empty()) {
      Frame& parent = frames_.back();
      if (!parent.li_counted) {
        for (const xmlNode* c = parent.node->children; c != nullptr; c = c->next)
          if (c->type == XML_ELEMENT_NODE && is_tag(c, "li")) ++parent.li_total;
        parent.li_counted = true;
      }
      frame.list_length = parent.li_total;
      frame.list_position = ++parent.li_seen;
    }
    if (std::strcmp(name, "pre") == 0) {
      end_line();
      frames_.push_back(frame);
      add_pre(n);
      frames_.pop_back();
      --depth_;
      return false;
    }
    if (frame.block) end_line();
    frames_.push_back(frame);
    if (std::strcmp(name, "a") == 0) ++links_open_;
    return true;
  }

  void leave(const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return;
    if (is_tag(n, "a") && links_open_ > 0) --links_open_;
    if (depth_ > static_cast<std::uint32_t>(std::max(options_.max_depth, 1))) {
      --depth_;
      return;
    }
    --depth_;
    const bool block = frames_.back().block;
    frames_.pop_back();
    if (block) end_line();
  }

  void add_text(const xmlNode* parent, const char* text) {
    const std::string_view s(text);
    if (!has_first_ && count_chars(s) > 0) capture();
    line_.append(s);
    const std::uint32_t chars = count_chars(s);
    chars_ += chars;
    if (links_open_ > 0 && chars > 0) {
      link_chars_ += chars;
      // The innermost open link: counted once per line.
      const xmlNode* link = nullptr;
      for (const xmlNode* p = parent; p != nullptr; p = p->parent)
        if (p->type == XML_ELEMENT_NODE && is_tag(p, "a")) {
          link = p;
          break;
        }
      if (link == nullptr || std::find(line_links_.begin(), line_links_.end(), link) == line_links_.end()) {
        line_links_.push_back(link);
      }
    }
  }

  // <pre>: the whole text content, split at newlines, one line per piece.
  void add_pre(const xmlNode* pre) {
    std::string content;
    const xmlNode* n = pre->children;
    while (n != nullptr) {
      if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != nullptr)
        content += reinterpret_cast<const char*>(n->content);
      if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
        n = n->children;
        continue;
      }
      while (n != nullptr && n != pre && n->next == nullptr) n = n->parent;
      if (n == nullptr || n == pre) break;
      n = n->next;
    }
    std::size_t from = 0;
    while (from <= content.size()) {
      std::size_t nl = content.find('\n', from);
      if (nl == std::string::npos) nl = content.size();
      const std::string_view piece = std::string_view(content).substr(from, nl - from);
      if (count_chars(piece) > 0) {
        capture();
        line_.assign(piece);
        chars_ = count_chars(piece);
        end_line();
      }
      from = nl + 1;
    }
  }

  // The DOM path and features at the line's first text.
  void capture() {
    has_first_ = true;
    path_.clear();
    features_ = DomFeatures();
    features_.block_tag = "body";
    for (const Frame& f : frames_) {
      if (!path_.empty()) path_ += " > ";
      path_ += reinterpret_cast<const char*>(f.node->name);
      if (f.node->properties != nullptr) {
        const std::string id = attribute(f.node, "id");
        if (!id.empty()) path_ += "#" + id;
        const std::string cls = attribute(f.node, "class");
        std::size_t i = 0;
        while (i < cls.size()) {
          while (i < cls.size() && std::isspace(static_cast<unsigned char>(cls[i]))) ++i;
          std::size_t j = i;
          while (j < cls.size() && !std::isspace(static_cast<unsigned char>(cls[j]))) ++j;
          if (j > i) path_ += "." + cls.substr(i, j - i);
          i = j;
        }
      }
    }
    features_.depth = depth_;
    if (!frames_.empty()) features_.inside = frames_.back().inside;
    for (auto f = frames_.rbegin(); f != frames_.rend(); ++f) {
      if (f->block && features_.block_tag == "body") features_.block_tag = reinterpret_cast<const char*>(f->node->name);
      if (f->list_length > 0 && features_.list_length == 0) {
        features_.list_length = f->list_length;
        features_.list_position = f->list_position;
      }
      if (f->node->properties == nullptr || features_.class_tokens.size() >= 24) continue;
      for (const char* attr : {"class", "id"}) {
        const std::string value = attribute(f->node, attr);
        std::size_t i = 0;
        while (i < value.size() && features_.class_tokens.size() < 24) {
          while (i < value.size() && !std::isalpha(static_cast<unsigned char>(value[i]))) ++i;
          std::size_t j = i;
          while (j < value.size() && std::isalpha(static_cast<unsigned char>(value[j]))) ++j;
          if (j - i >= 3) {
            std::string token = value.substr(i, j - i);
            std::transform(token.begin(), token.end(), token.begin(), ascii_lower);
            if (std::find(features_.class_tokens.begin(), features_.class_tokens.end(), token) ==
                features_.class_tokens.end())
              features_.class_tokens.push_back(std::move(token));
          }
          i = j;
        }
      }
    }
  }

  void end_line() {
    if (has_first_) {
      // Normalise: drop zero-width characters, collapse whitespace, strip.
      std::string out;
      out.reserve(line_.size());
      std::size_t code_points = 0;
      bool space = false;
      for (std::size_t i = 0; i < line_.size();) {
        char32_t cp;
        const std::size_t n = decode_utf8(line_, i, &cp);
        if (is_zero_width(cp)) {
        } else if (is_collapsed_space(cp)) {
          space = true;
        } else {
          if (space && !out.empty()) {
            out.push_back(' ');
            ++code_points;
          }
          space = false;
          out.append(line_, i, n);
          ++code_points;
        }
        i += n;
      }
      if (code_points >= 3) {
        HtmlLine line;
        line.start = page_->text.size();
        page_->text += out;
        line.end = page_->text.size();
        page_->text.push_back('\n');
        line.dom_path = std::move(path_);
        line.dom = std::move(features_);
        line.dom.chars = chars_;
        line.dom.link_chars = link_chars_;
        line.dom.links = static_cast<std::uint32_t>(line_links_.size());
        page_->lines.push_back(std::move(line));
      }
    }
    line_.clear();
    has_first_ = false;
    chars_ = link_chars_ = 0;
    line_links_.clear();
    path_.clear();
  }

 private:
  const HtmlOptions& options_;
  HtmlPage* page_;
  std::vector<Frame> frames_;
  std::uint32_t depth_ = 0;
  std::uint32_t links_open_ = 0;
  std::string line_;
  bool has_first_ = false;
  std::uint32_t chars_ = 0, link_chars_ = 0;
  std::vector<const xmlNode*> line_links_;
  std::string path_;
  DomFeatures features_;
};

void silent_error(void*, const char*, ...) {}
void silent_structured_error(void*, xmlErrorPtr) {}

}  // namespace

HtmlPage html_to_lines(std::string_view html, const HtmlOptions& options) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  // Per thread in libxml2: nothing is printed from this thread's parses.
  xmlSetGenericErrorFunc(nullptr, silent_error);
  xmlSetStructuredErrorFunc(nullptr, silent_structured_error);

  HtmlPage page;
  if (html.size() > options.max_html_bytes) {
    html = html.substr(0, options.max_html_bytes);
    page.truncated = true;
  }
  std::string utf8;
  decode_page(html, options, &page, &utf8);
  const std::string markup = prepare_markup(utf8);
  utf8.clear();
  utf8.shrink_to_fit();
  if (markup.find_first_not_of(" \t\r\n") == std::string::npos) return page;
  const std::size_t size = std::min<std::size_t>(markup.size(), INT_MAX);
  htmlDocPtr doc = htmlReadMemory(markup.data(), static_cast<int>(size), nullptr, "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  if (doc == nullptr) return page;
  Walker walker(options, &page);
  walker.run(doc);
  xmlFreeDoc(doc);
  return page;
}

}  // namespace sidebarspam
