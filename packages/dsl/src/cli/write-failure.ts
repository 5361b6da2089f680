/**
 * What the commands that write files (check's reports, compile, init, fmt, test --update) say
 * when they cannot, and how they show a path to paste into a shell.
 */

/**
 * Why a file could not be written or a folder made, by the system's error code (`e.code`, an
 * `Error` or a plain `{ code, message }`), in English and Chinese, each ending with what to do;
 * `elsewhere` is the advice when the place cannot be written at all (permission, read-only).
 */
export function writeFailure(e: unknown, elsewhere: readonly [string, string] = ['Write it elsewhere.', '请写到别处。']): [string, string] {
  const code = e && typeof e === 'object' && 'code' in e ? String(e.code) : '';
  switch (code) {
    case 'ENOENT':
      return ['its folder does not exist. Create the folder first, or name a file in an existing folder.', '所在文件夹不存在。请先创建该文件夹，或指定已有文件夹中的文件。'];
    case 'ENOTDIR':
      return ['a part of the path is a file, not a folder. Name a path whose folders are folders.', '路径中有一段是文件而不是文件夹。请指定由文件夹组成的路径。'];
    case 'EISDIR':
      return ['it is a folder, not a file. Name a file (e.g. one inside that folder), or move the folder away.', '这是文件夹而不是文件。请指定文件（例如该文件夹中的文件），或把该文件夹移走。'];
    case 'EEXIST':
      return ['a file is in the way where a folder is needed. Move it away and run again.', '需要建立文件夹的位置已有同名文件。请把它移走后重新运行。'];
    case 'EACCES':
    case 'EPERM':
      return [`permission denied. ${elsewhere[0]}`, `没有写入权限。${elsewhere[1]}`];
    case 'EROFS':
      return [`the file system is read-only. ${elsewhere[0]}`, `文件系统只读。${elsewhere[1]}`];
    case 'ENOSPC':
    case 'EDQUOT':
      return ['the disk is full, and the file may be incomplete. Free some space and run again.', '磁盘已满，文件可能不完整。请腾出空间后重新运行。'];
    default: {
      const reason = e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
      return [`${reason}. Mend this and run again.`, `${reason}。请排除问题后重新运行。`];
    }
  }
}

/** `p` as a POSIX shell reads it back: as it is when it has nothing the shell would take apart, else in single quotes. */
export function shellQuote(p: string): string {
  if (p !== '' && /^[\p{L}\p{N}_\-.,/:@%+=]+$/u.test(p)) return p;
  return `'${p.replace(/'/g, `'\\''`)}'`;
}
