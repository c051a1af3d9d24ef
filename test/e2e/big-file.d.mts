export declare function generateBigFile(lines: number): string;
