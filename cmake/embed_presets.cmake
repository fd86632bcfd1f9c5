# Writes a C++ source holding every preset file as a string, so that the io layer (no Qt
# resources there) ships the presets inside the binary. Run with -DPRESET_DIR= -DOUTPUT=.
# Long files are split into pieces joined at start-up: compilers need only accept string
# literals of 64 KiB, and some warn beyond that.
file(GLOB_RECURSE preset_files RELATIVE "${PRESET_DIR}" "${PRESET_DIR}/*.json")
list(SORT preset_files)
set(chunk 30000)
set(definitions "")
set(entries "")
set(index 0)
foreach(rel IN LISTS preset_files)
  file(READ "${PRESET_DIR}/${rel}" text)
  string(LENGTH "${text}" length)
  set(pieces "")
  set(offset 0)
  while(offset LESS length)
    string(SUBSTRING "${text}" ${offset} ${chunk} piece)
    if(pieces STREQUAL "")
      string(APPEND pieces "std::string(R\"mfu_preset(${piece})mfu_preset\")")
    else()
      string(APPEND pieces "\n        + R\"mfu_preset(${piece})mfu_preset\"")
    endif()
    math(EXPR offset "${offset} + ${chunk}")
  endwhile()
  if(pieces STREQUAL "")
    set(pieces "std::string()")
  endif()
  string(APPEND definitions "    static const std::string text${index} = ${pieces};\n")
  string(APPEND entries "        {\"${rel}\", text${index}},\n")
  math(EXPR index "${index} + 1")
endforeach()
set(content "// Generated from presets/ by cmake/embed_presets.cmake; do not edit.
#include \"io/embedded_presets.h\"

#include <string>

namespace mfu::io {

const std::vector<EmbeddedFile> &embeddedPresetFiles()
{
${definitions}    static const std::vector<EmbeddedFile> files = {
${entries}    };
    return files;
}

} // namespace mfu::io
")
# Only touch the output when it changes, so that builds stay incremental.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
