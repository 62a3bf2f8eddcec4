# Per-target include roots: the layering of STYLE.md as compile errors.
#
# No target puts src/ on its include path. Instead each library stages the headers it offers
# under build/include/<target>/, as symlinks at their usual paths ("tracking/types.h"), and gets
# that root as its include directory:
#
#   cairn_headers(<target> PUBLIC a.h b.h [INTERNAL c.h d.h])
#
# - PUBLIC headers are the target's contract: it exports them to everything that links it.
# - INTERNAL headers (stores, JSON codecs, helpers) are seen by the target itself and by whoever
#   links <target>_internal: its own routes target, its tests and the composition root — never
#   another domain.
#
# So a domain core that does not link cairn_http cannot include "http/router.h", and a domain
# that links only another domain's core sees that domain's service header, never its SQL store:
# the include fails with "No such file or directory".
function(cairn_headers target)
  cmake_parse_arguments(H "" "" "PUBLIC;INTERNAL" ${ARGN})
  file(RELATIVE_PATH dir ${CMAKE_SOURCE_DIR}/src ${CMAKE_CURRENT_SOURCE_DIR})
  set(base ${CMAKE_BINARY_DIR}/include/${target})
  file(REMOVE_RECURSE ${base})
  foreach(kind public internal)
    string(TOUPPER ${kind} upper)
    file(MAKE_DIRECTORY ${base}/${kind})
    foreach(h IN LISTS H_${upper})
      get_filename_component(sub ${dir}/${h} DIRECTORY)
      file(MAKE_DIRECTORY ${base}/${kind}/${sub})
      file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR}/${h} ${base}/${kind}/${dir}/${h} SYMBOLIC)
    endforeach()
  endforeach()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    target_include_directories(${target} INTERFACE ${base}/public)
  else()
    target_include_directories(${target} PUBLIC ${base}/public)
  endif()
  if(H_INTERNAL)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      target_include_directories(${target} PRIVATE ${base}/internal)
    endif()
    add_library(${target}_internal INTERFACE)
    target_include_directories(${target}_internal INTERFACE ${base}/internal)
    target_link_libraries(${target}_internal INTERFACE ${target})
  endif()
endfunction()
