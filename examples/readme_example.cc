#include <sidebarspam/sidebarspam.h>
#include <iostream>
int main(int argc, char** argv) {  // usage: readme_example MODEL_DIR < article.txt
  std::unique_ptr<sidebarspam::Classifier> clf;
  auto status = sidebarspam::Classifier::Load(sidebarspam::ModelPaths::InDirectory(argv[1]), {}, &clf);
  if (!status.ok()) { std::cerr << status.message() << "\n"; return 1; }
  std::string text((std::istreambuf_iterator<char>(std::cin)), {});
  for (const auto& line : clf->score(text).lines)
    std::cout << sidebarspam::label_name(line.label) << "\t" << text.substr(line.start, line.end - line.start) << "\n";
}
