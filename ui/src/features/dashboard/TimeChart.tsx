import "uplot/dist/uPlot.min.css";
import { useComputedColorScheme } from "@mantine/core";
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import type { Columns } from "./columns";

export interface Line {
  label: string;
  colour: string;
  /** How a value reads in the legend. */
  format: (value: number) => string;
  /** Mark every value with a dot: for lines with gaps, whose lone values would otherwise not show. */
  dots?: boolean;
}

const HEIGHT = 220;

/**
 * A time chart of one or more lines over the same spans (uPlot on a canvas). The chart is made once per
 * set of lines and colour scheme, then given new columns as they arrive, and follows its box's width.
 */
export function TimeChart({ columns, lines, testId }: { columns: Columns; lines: Line[]; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(columns);
  const dark = useComputedColorScheme("light") === "dark";

  // Declared first, so a chart made in the effect below starts from the latest columns.
  useEffect(() => {
    latest.current = columns;
    chart.current?.setData(columns as uPlot.AlignedData);
  }, [columns]);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const ink = dark ? "#c9c9c9" : "#495057";
    const grid = dark ? "#373a40" : "#e9ecef";
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const made = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: HEIGHT,
        scales: { x: { time: true } },
        axes: [axis, { ...axis, size: 70, values: (_chart: uPlot, splits: number[]) => splits.map((value) => lines[0]?.format(value) ?? String(value)) }],
        series: [
          {},
          ...lines.map((line) => ({
            label: line.label,
            stroke: line.colour,
            width: 2,
            ...(line.dots ? { points: { show: true, size: 6, fill: line.colour } } : {}),
            value: (_chart: uPlot, value: number | null) => (value === null ? "–" : line.format(value)),
          })),
        ],
      },
      latest.current as uPlot.AlignedData,
      element,
    );
    chart.current = made;
    const resized = new ResizeObserver(() => made.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      made.destroy();
      chart.current = null;
    };
  }, [lines, dark]);

  return <div ref={box} data-testid={testId} data-points={columns[0].length} />;
}
