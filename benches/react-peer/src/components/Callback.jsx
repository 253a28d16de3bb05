// OIDC redirect target: stores the access token where the guide's apiClient reads it.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import authService from '../services/auth/authService';

export default function Callback() {
  const navigate = useNavigate();
  const [error, setError] = useState(null);
  useEffect(() => {
    authService
      .handleCallback()
      .then((user) => {
        localStorage.setItem('authToken', user.access_token);
        navigate('/', { replace: true });
      })
      .catch(setError);
  }, [navigate]);
  return <p>{error ? `Sign-in failed: ${error.message}` : 'Signing in…'}</p>;
}
