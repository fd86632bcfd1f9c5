# Writes a C++ source holding every preset file as a string, so that the io layer (no Qt
# resources there) ships the presets inside the binary. Run with -DPRESET_DIR= -DOUTPUT=.
file(GLOB_RECURSE preset_files RELATIVE "${PRESET_DIR}" "${PRESET_DIR}/*.json")
list(SORT preset_files)
set(body "")
foreach(rel IN LISTS preset_files)
  file(READ "${PRESET_DIR}/${rel}" text)
  string(APPEND body "    {\"${rel}\", R\"mfu_preset(${text})mfu_preset\"},\n")
endforeach()
set(content "// Generated from presets/ by cmake/embed_presets.cmake; do not edit.
#include \"io/embedded_presets.h\"

namespace mfu::io {

const std::vector<EmbeddedFile> &embeddedPresetFiles()
{
    static const std::vector<EmbeddedFile> files = {
${body}    };
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
