# sipline_add_plugin(<name> SOURCES <files...> [LIBRARIES <targets...>])
# Builds <name>.so as a sipline plugin: one exported symbol, hidden everything else, no
# undefined symbols (plugins never link against the daemon). The in-tree plugins use this
# same function, so the out-of-tree path is exercised on every build.
include_guard(GLOBAL)

function(sipline_add_plugin name)
  cmake_parse_arguments(ARG "" "INSTALL_DIR" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${name} MODULE ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${name} PRIVATE sipline::sdk ${ARG_LIBRARIES})
  target_link_options(${name} PRIVATE
    "-Wl,--version-script=${CMAKE_CURRENT_FUNCTION_LIST_DIR}/sipline-plugin.map" "-Wl,-z,defs")
  if(ARG_INSTALL_DIR)
    install(TARGETS ${name} LIBRARY DESTINATION "${ARG_INSTALL_DIR}" COMPONENT ${name})
  endif()
endfunction()
