# Writes INPUT into OUTPUT as a C++ raw string constant named NAME (namespace sceau).
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}. Do not edit.\nnamespace sceau {\nextern const char ${NAME}[] = R\"sceau_text(${content})sceau_text\";\n}  // namespace sceau\n")
