// Internal: the arena an answer's records are parsed onto
// (vum/selection_service.h; the Bron answer builds no messages).
#ifndef VUM_LIB_SELECTION_ANSWER_ARENA_H_
#define VUM_LIB_SELECTION_ANSWER_ARENA_H_

#include "google/protobuf/arena.h"

namespace vum::selection_internal {

// Room for about a hundred records before the arena asks for more: an answer
// costs a few allocations instead of one per element of every record.
inline google::protobuf::ArenaOptions AnswerArenaOptions() {
  google::protobuf::ArenaOptions options;
  options.start_block_size = 64 << 10;
  options.max_block_size = 1 << 20;
  return options;
}

}  // namespace vum::selection_internal

#endif  // VUM_LIB_SELECTION_ANSWER_ARENA_H_
