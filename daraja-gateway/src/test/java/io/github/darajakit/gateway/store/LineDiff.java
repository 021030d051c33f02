package io.github.darajakit.gateway.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Where two lists of lines differ (a longest-common-subsequence diff), and a side-by-side rendering
 * of each difference. The migration parity tests use it to show a SQLite line beside the PostgreSQL
 * line it should match.
 */
final class LineDiff {

  /**
   * One line of a file or description: its number as an editor shows it (0 for none), its text as
   * shown, and the key it is compared by (a normalised form, or the text itself).
   */
  record Line(int number, String text, String key) {
    Line(int number, String text) {
      this(number, text, text);
    }
  }

  /**
   * One place where the two sides differ: the lines only the left has and the lines only the right
   * has, in order. Either side may be empty (a line added or removed).
   */
  record Hunk(List<Line> left, List<Line> right) {}

  private LineDiff() {}

  /** The places where {@code left} and {@code right} differ, comparing lines by their keys. */
  static List<Hunk> hunks(List<Line> left, List<Line> right) {
    int n = left.size();
    int m = right.size();
    // common[i][j]: length of the longest common subsequence of left[i..] and right[j..].
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            left.get(i).key().equals(right.get(j).key())
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Hunk> hunks = new ArrayList<>();
    List<Line> onlyLeft = new ArrayList<>();
    List<Line> onlyRight = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && left.get(i).key().equals(right.get(j).key())) {
        flush(hunks, onlyLeft, onlyRight);
        i++;
        j++;
      } else if (j == m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
        onlyLeft.add(left.get(i++));
      } else {
        onlyRight.add(right.get(j++));
      }
    }
    flush(hunks, onlyLeft, onlyRight);
    return hunks;
  }

  private static void flush(List<Hunk> hunks, List<Line> onlyLeft, List<Line> onlyRight) {
    if (!onlyLeft.isEmpty() || !onlyRight.isEmpty()) {
      hunks.add(new Hunk(List.copyOf(onlyLeft), List.copyOf(onlyRight)));
      onlyLeft.clear();
      onlyRight.clear();
    }
  }

  /**
   * A hunk as two columns, the left side's lines beside the right side's, each with its line number
   * if it has one; a side with fewer lines shows {@code (nothing)}.
   */
  static String sideBySide(String leftTitle, String rightTitle, Hunk hunk) {
    int rows = Math.max(hunk.left().size(), hunk.right().size());
    List<String> leftCells = new ArrayList<>();
    List<String> rightCells = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      leftCells.add(cell(hunk.left(), row));
      rightCells.add(cell(hunk.right(), row));
    }
    int width = leftTitle.length();
    for (String cell : leftCells) {
      width = Math.max(width, cell.length());
    }
    StringBuilder out = new StringBuilder();
    out.append("    ").append(pad(leftTitle, width)).append(" | ").append(rightTitle).append('\n');
    for (int row = 0; row < rows; row++) {
      out.append("    ")
          .append(pad(leftCells.get(row), width))
          .append(" | ")
          .append(rightCells.get(row))
          .append('\n');
    }
    return out.toString();
  }

  private static String cell(List<Line> lines, int row) {
    if (row >= lines.size()) {
      return "(nothing)";
    }
    Line line = lines.get(row);
    return line.number() > 0 ? String.format("%4d: %s", line.number(), line.text()) : line.text();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
