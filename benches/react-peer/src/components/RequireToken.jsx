// The dashboard needs no sign-in round trip when localStorage.authToken is present
// (the token the guide's apiClient reads); otherwise it signs in with the guide's authService.
import { useEffect } from 'react';
import authService from '../services/auth/authService';

export default function RequireToken({ children }) {
  const token = localStorage.getItem('authToken');
  useEffect(() => {
    if (!token) authService.login();
  }, [token]);
  return token ? children : <p>Redirecting to sign-in…</p>;
}
