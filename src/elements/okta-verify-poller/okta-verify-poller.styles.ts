import { css } from 'lit';

export const pollerStyles = css`
  [part~='status'] {
    display: flex;
    align-items: center;
    gap: 0.6em;
  }
  [part~='spinner'] {
    width: 1em;
    height: 1em;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='spinner'] {
      animation: none;
    }
  }
`;
