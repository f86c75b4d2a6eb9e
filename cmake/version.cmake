# Writes the version header (include/tacit/version.hpp.in) with the commit checked out now.
# CMakeLists.txt runs it when configuring and again at every build, so that a build made after
# a new commit does not bake the commit of the last configure into its manifests. configure_file
# rewrites the header only when its text changes: an unchanged commit recompiles nothing.
#   cmake -DSOURCE_DIR=... -DOUTPUT=... -DPROJECT_VERSION=... [-DGIT_EXECUTABLE=...] -P version.cmake
set(TACIT_GIT_COMMIT "unknown")
if(GIT_EXECUTABLE AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short=12 HEAD
                  WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE _commit
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _commit)
    set(TACIT_GIT_COMMIT "${_commit}")
  endif()
endif()
configure_file("${SOURCE_DIR}/include/tacit/version.hpp.in" "${OUTPUT}" @ONLY)
