# Writes OUT: a C++ file defining `std::string_view NAME()` returning the bytes of IN.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
file(WRITE "${OUT}" "#include <string_view>\nnamespace cairn::server {\nnamespace { constexpr char kData[] = {${body} 0}; }\nstd::string_view ${NAME}() { return std::string_view(kData, sizeof(kData) - 1); }\n}\n")
